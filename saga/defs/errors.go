package defs

import (
	"fmt"
	"strings"
)

// Error is one problem with a definition file, on one line: the file, the
// step and the field it is about, and what is wrong.
type Error struct {
	// File is the file's path as it was given.
	File string
	// Step is the step's name; empty when the step has none or the error
	// is about the file's own fields.
	Step string
	// Index is the step's position, counted from 1: "3" for the third
	// entry of steps, "3.2" for the second step of the parallel group
	// that is the third entry. Empty for the file's own fields.
	Index string
	// Field is the field's path in the file or the step, for example
	// "action.payload.guest" or "retry.backoff"; empty for the whole.
	Field string
	Msg   string
}

func (e *Error) Error() string {
	parts := []string{e.File}
	switch {
	case e.Step != "":
		parts = append(parts, fmt.Sprintf("step %q", e.Step))
	case e.Index != "":
		parts = append(parts, "step "+e.Index)
	}
	if e.Field != "" {
		parts = append(parts, e.Field)
	}
	return strings.Join(append(parts, e.Msg), ": ")
}

// Errors are every problem found in one or more files, in the order of
// the files and of the fields in each.
type Errors []*Error

// Error is the first problem and how many more there are, on one line.
func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "no errors"
	case 1:
		return es[0].Error()
	case 2:
		return es[0].Error() + " (and 1 more error)"
	}
	return fmt.Sprintf("%s (and %d more errors)", es[0].Error(), len(es)-1)
}

// Unwrap returns each problem, for errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// report gathers the problems of one file.
type report struct {
	file string
	errs Errors
}

// at is where in the file a problem is: a step (by name and position)
// and a field.
type at struct {
	step, index, field string
}

// in returns the location of field below a.
func (a at) in(field string) at {
	if a.field != "" && field != "" && !strings.HasPrefix(field, "[") {
		field = "." + field
	}
	a.field += field
	return a
}

func (r *report) add(a at, format string, args ...any) {
	r.errs = append(r.errs, &Error{File: r.file, Step: a.step, Index: a.index, Field: a.field, Msg: fmt.Sprintf(format, args...)})
}

// err is the report's problems as an error, or nil.
func (r *report) err() error {
	if len(r.errs) == 0 {
		return nil
	}
	return r.errs
}
