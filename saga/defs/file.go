package defs

import (
	"encoding/json"
	"regexp"
	"strconv"

	"github.com/streamsaga/streamsaga/saga"
)

// Parse reads one definition file: name is its path, used in errors and
// whose extension (.json, .yaml or .yml) picks the format, and content
// its bytes. The error is Errors: every problem found, each naming the
// file, the step and the field. The definition is also checked as
// saga.Definition.Validate checks any.
func Parse(name string, content []byte) (*saga.Definition, error) {
	def, err := parse(name, content)
	if err != nil {
		return nil, err
	}
	if err := def.Validate(); err != nil {
		return nil, Errors{{File: name, Msg: err.Error()}}
	}
	return def, nil
}

// parse is Parse without saga.Definition.Validate.
func parse(name string, content []byte) (*saga.Definition, error) {
	r := &report{file: name}
	doc, err := decode(name, content)
	if err != nil {
		r.add(at{}, "%v", err)
		return nil, r.err()
	}
	def := definition(r, doc)
	if err := r.err(); err != nil {
		return nil, err
	}
	return def, nil
}

// Fields of a file.
var fileFields = []string{"$schema", "type", "version", "http_start", "input_schema", "trigger", "steps"}

// typeName is what a saga type may be called.
var typeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

func definition(r *report, doc any) *saga.Definition {
	f, ok := object(r, at{}, doc, fileFields...)
	if !ok {
		return nil
	}
	f.text("$schema", false)
	def := &saga.Definition{Type: f.text("type", true), Version: f.whole("version", 1, 1),
		HTTPStart: f.boolean("http_start", true)}
	if def.Type != "" && !typeName.MatchString(def.Type) {
		r.add(at{field: "type"}, "%q: use letters, digits, '.', '_' and '-'", def.Type)
	}
	inputSchema(f, def)
	def.Trigger = trigger(f)
	def.Steps = steps(f)
	return def
}

// steps reads the steps field: steps and parallel groups, in order.
func steps(f *fields) []saga.Step {
	v, ok := f.obj["steps"]
	list, isList := v.([]any)
	switch {
	case !ok:
		f.r.add(at{field: "steps"}, "missing")
	case !isList:
		f.r.add(at{field: "steps"}, "must be a list of steps, not %s", kindOf(v))
	case len(list) == 0:
		f.r.add(at{field: "steps"}, "must hold at least one step")
	}
	p := &stepReader{r: f.r, seen: map[string]string{}, earlier: map[string]bool{}}
	for i, entry := range list {
		index := strconv.Itoa(i + 1)
		if isGroup(entry) {
			p.group(entry, index)
			continue
		}
		if s, ok := p.step(entry, at{index: index}, ""); ok {
			p.out = append(p.out, s)
		}
		p.earlier[p.lastName] = true
	}
	return p.out
}

// canonicalJSON is v, a decoded value, as compact JSON with sorted keys.
func canonicalJSON(r *report, a at, v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		r.add(a, "cannot be written as JSON: %v", err)
	}
	return b
}
