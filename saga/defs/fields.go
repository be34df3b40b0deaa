package defs

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// fields reads the fields of one object of a file, reporting each problem
// at its place.
type fields struct {
	r   *report
	at  at
	obj map[string]any
}

// object checks that v is an object whose keys are all among known.
func object(r *report, a at, v any, known ...string) (*fields, bool) {
	obj, ok := v.(map[string]any)
	if !ok {
		r.add(a, "must be an object, not %s", kindOf(v))
		return nil, false
	}
	for _, k := range sortedKeys(obj) {
		if !slices.Contains(known, k) {
			r.add(a.in(k), "unknown field (known: %s)", strings.Join(known, ", "))
		}
	}
	return &fields{r: r, at: a, obj: obj}, true
}

// has reports whether the object sets name.
func (f *fields) has(name string) bool {
	_, ok := f.obj[name]
	return ok
}

// text reads a string field; required ones must be set and not blank.
func (f *fields) text(name string, required bool) string {
	v, ok := f.obj[name]
	switch s, isText := v.(string); {
	case !ok && required:
		f.r.add(f.at.in(name), "missing")
	case !ok:
	case !isText:
		f.r.add(f.at.in(name), "must be text, not %s", kindOf(v))
	case strings.TrimSpace(s) == "":
		f.r.add(f.at.in(name), "must not be blank")
	default:
		return s
	}
	return ""
}

// number reads a number field; ok is false when it is absent or wrong.
func (f *fields) number(name string) (json.Number, bool) {
	v, set := f.obj[name]
	if !set {
		return "", false
	}
	n, isNum := v.(json.Number)
	if !isNum {
		f.r.add(f.at.in(name), "must be a number, not %s", kindOf(v))
	}
	return n, isNum
}

// whole reads a whole number of at least least; def when it is absent.
func (f *fields) whole(name string, least, def int) int {
	n, ok := f.number(name)
	if !ok {
		return def
	}
	i, err := n.Int64()
	if err != nil || i < int64(least) || i > 1<<31 {
		f.r.add(f.at.in(name), "must be a whole number of at least %d, not %s", least, n)
		return def
	}
	return int(i)
}

// real reads a number that ok accepts (rule says which); 0 when absent.
func (f *fields) real(name, rule string, ok func(x float64) bool) float64 {
	n, set := f.number(name)
	if !set {
		return 0
	}
	x, err := n.Float64()
	if err != nil || !ok(x) {
		f.r.add(f.at.in(name), "must be %s, not %s", rule, n)
		return 0
	}
	return x
}

// duration reads a positive Go duration such as "10s"; 0 when absent.
func (f *fields) duration(name string) time.Duration {
	s := f.text(name, false)
	if s == "" {
		return 0
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		f.r.add(f.at.in(name), "must be a positive duration such as 10s or 200ms, not %q", s)
		return 0
	}
	return d
}

// boolean reads a true/false field; def when it is absent.
func (f *fields) boolean(name string, def bool) bool {
	v, ok := f.obj[name]
	if !ok {
		return def
	}
	b, isBool := v.(bool)
	if !isBool {
		f.r.add(f.at.in(name), "must be true or false, not %s", kindOf(v))
		return def
	}
	return b
}

// kindOf names a decoded value's JSON type, for errors.
func kindOf(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprintf("%t", v)
	case json.Number:
		return "a number"
	case string:
		return "text"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
