package defs

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/streamsaga/streamsaga/saga"
)

// ref is a checked ${path}: a root (input, steps or saga), the step whose
// result it reads, and the rest: a gjson path into the saga's input or
// the step's result ("" for the whole of it).
type ref struct {
	text string
	root string
	step string
	sub  string
}

// scope is what a payload may read: the steps whose results exist when
// its command is sent, and how to say that a step is not one of them.
type scope struct {
	// event is set for a trigger's data, which reads the event alone.
	event    bool
	readable map[string]bool
	// notReadable finishes "path ${...} names ..." for a step outside it.
	notReadable string
}

// parseRef checks the text of a ${...} at load time.
func parseRef(text string, sc scope) (ref, error) {
	root, rest, _ := strings.Cut(text, ".")
	r := ref{text: text, root: root}
	if sc.event != (root == "event") {
		if sc.event {
			return r, fmt.Errorf("path ${%s}: a trigger's data reads the event alone (event.data...)", text)
		}
		return r, fmt.Errorf("path ${%s} must start with input, steps or saga", text)
	}
	switch root {
	case "event":
		r.sub = rest
		if rest == "" {
			return r, fmt.Errorf("path ${%s} must name a field of the event, such as event.data", text)
		}
	case "input":
		r.sub = rest
	case "saga":
		if text != "saga.id" {
			return r, fmt.Errorf("path ${%s}: saga offers only saga.id", text)
		}
		return r, nil
	case "steps":
		return stepRef(r, rest, sc)
	default:
		return r, fmt.Errorf("path ${%s} must start with input, steps or saga", text)
	}
	return r, checkSub(r)
}

// stepRef checks steps.<name>.result[.<field...>].
func stepRef(r ref, rest string, sc scope) (ref, error) {
	name, after, _ := strings.Cut(rest, ".")
	result, sub, _ := strings.Cut(after, ".")
	if name == "" || result != "result" {
		return r, fmt.Errorf("path ${%s} must read steps.<name>.result or a field below it", r.text)
	}
	if !sc.readable[name] {
		return r, fmt.Errorf("path ${%s} names %s", r.text, sc.notReadable)
	}
	r.step, r.sub = name, sub
	if strings.HasSuffix(after, ".") && sub == "" {
		return r, checkSub(ref{text: r.text, sub: "."})
	}
	return r, checkSub(r)
}

// checkSub refuses an empty field name at either end of the rest.
func checkSub(r ref) error {
	if r.sub == "" && !strings.HasSuffix(r.text, ".") {
		return nil
	}
	if r.sub == "" || strings.HasPrefix(r.sub, ".") || (strings.HasSuffix(r.sub, ".") && !strings.HasSuffix(r.sub, `\.`)) {
		return fmt.Errorf("path ${%s} has an empty field name", r.text)
	}
	return nil
}

// value evaluates the path on what the saga knows now. A value that is
// not there is a permanent error: the data will not change.
func (r ref) value(in saga.PayloadInput) (gjson.Result, error) {
	doc, what := []byte(in.Data), "the saga's input"
	if r.root == "event" {
		what = "the event"
	}
	switch r.root {
	case "saga":
		id, _ := json.Marshal(in.SagaID)
		return gjson.ParseBytes(id), nil
	case "steps":
		raw, ok := in.Results[r.step]
		if !ok {
			return gjson.Result{}, saga.Permanent(fmt.Errorf("${%s}: step %s has no result", r.text, r.step))
		}
		doc, what = raw, "the result of step "+r.step
	}
	v := gjson.ParseBytes(doc)
	if r.sub != "" {
		v = gjson.GetBytes(doc, r.sub)
	}
	if !v.Exists() {
		return v, saga.Permanent(missing(r, what))
	}
	return v, nil
}

func missing(r ref, what string) error {
	if r.sub == "" {
		return fmt.Errorf("${%s}: %s is empty", r.text, what)
	}
	return fmt.Errorf("${%s}: %s has no value at %s", r.text, what, r.sub)
}

// errNoPath is the error of an empty ${}.
var errNoPath = errors.New("${} names no path")
