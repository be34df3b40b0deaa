package defs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/streamsaga/streamsaga/saga"
)

// node is one value of a payload template, built anew for each command.
type node interface {
	build(in saga.PayloadInput) (any, error)
}

// literal is a value with no ${path} in it.
type literal struct{ v any }

func (l literal) build(saga.PayloadInput) (any, error) { return l.v, nil }

type objectNode map[string]node

func (o objectNode) build(in saga.PayloadInput) (any, error) {
	out := make(map[string]any, len(o))
	for k, n := range o {
		v, err := n.build(in)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

type arrayNode []node

func (a arrayNode) build(in saga.PayloadInput) (any, error) {
	out := make([]any, len(a))
	for i, n := range a {
		v, err := n.build(in)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// whole is a string that is exactly "${path}": the value at the path,
// with its JSON type.
type whole struct{ ref ref }

func (w whole) build(in saga.PayloadInput) (any, error) {
	v, err := w.ref.value(in)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(v.Raw), nil
}

// text is a string with ${path}s inside: each is replaced by its value's
// text (a string's characters, any other value's JSON).
type text []textPart

type textPart struct {
	lit string
	ref *ref
}

func (t text) build(in saga.PayloadInput) (any, error) {
	var b strings.Builder
	for _, p := range t {
		if p.ref == nil {
			b.WriteString(p.lit)
			continue
		}
		v, err := p.ref.value(in)
		if err != nil {
			return nil, err
		}
		b.WriteString(textOf(v))
	}
	return b.String(), nil
}

func textOf(v gjson.Result) string {
	if v.Type == gjson.String {
		return v.Str
	}
	var c bytes.Buffer
	if json.Compact(&c, []byte(v.Raw)) != nil {
		return v.Raw
	}
	return c.String()
}

// compile turns a template into nodes, reporting every path that cannot
// be valid at its place.
func compile(r *report, a at, v any, sc scope) node {
	switch v := v.(type) {
	case map[string]any:
		out := make(objectNode, len(v))
		for _, k := range sortedKeys(v) {
			out[k] = compile(r, a.in(k), v[k], sc)
		}
		return out
	case []any:
		out := make(arrayNode, len(v))
		for i, x := range v {
			out[i] = compile(r, a.in(fmt.Sprintf("[%d]", i)), x, sc)
		}
		return out
	case string:
		return compileString(r, a, v, sc)
	}
	return literal{v}
}

func compileString(r *report, a at, s string, sc scope) node {
	parts, err := tokens(s)
	if err != nil {
		r.add(a, "%v", err)
		return literal{s}
	}
	for i := range parts {
		if parts[i].ref == nil {
			continue
		}
		checked, err := parseRef(parts[i].ref.text, sc)
		if err != nil {
			r.add(a, "%v", err)
		}
		parts[i].ref = &checked
	}
	switch {
	case len(parts) == 1 && parts[0].ref != nil:
		return whole{*parts[0].ref}
	case len(parts) == 1:
		return literal{parts[0].lit}
	case len(parts) == 0:
		return literal{""}
	}
	return text(parts)
}
