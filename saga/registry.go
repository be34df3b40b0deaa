package saga

import (
	"fmt"
	"sort"
)

// Registry holds the saga definitions a runner knows: every registered
// version of each type.
type Registry struct {
	defs map[string]map[int]*Definition
	// newest is the highest version of each type.
	newest map[string]int
}

// NewRegistry validates and registers the definitions; registering one
// (type, version) twice is an error.
func NewRegistry(defs ...*Definition) (*Registry, error) {
	r := &Registry{defs: map[string]map[int]*Definition{}, newest: map[string]int{}}
	for _, d := range defs {
		if err := d.Validate(); err != nil {
			return nil, err
		}
		v := d.EffectiveVersion()
		if _, dup := r.defs[d.Type][v]; dup {
			return nil, fmt.Errorf("saga type %q version %d registered twice", d.Type, v)
		}
		if r.defs[d.Type] == nil {
			r.defs[d.Type] = map[int]*Definition{}
		}
		r.defs[d.Type][v] = d
		r.newest[d.Type] = max(r.newest[d.Type], v)
	}
	return r, nil
}

// Get returns the newest version of a saga type: the one new sagas of the
// type start on.
func (r *Registry) Get(sagaType string) (*Definition, error) {
	v, ok := r.newest[sagaType]
	if !ok {
		return nil, fmt.Errorf("saga type %q: %w", sagaType, ErrNotFound)
	}
	return r.GetVersion(sagaType, v)
}

// GetVersion returns one version of a saga type; ErrNotFound when that
// version is not registered.
func (r *Registry) GetVersion(sagaType string, version int) (*Definition, error) {
	d, ok := r.defs[sagaType][version]
	if !ok {
		return nil, fmt.Errorf("saga type %q version %d: %w", sagaType, version, ErrNotFound)
	}
	return d, nil
}

// All returns every registered definition, by type then version.
func (r *Registry) All() []*Definition {
	var out []*Definition
	for _, t := range r.types() {
		versions := make([]int, 0, len(r.defs[t]))
		for v := range r.defs[t] {
			versions = append(versions, v)
		}
		sort.Ints(versions)
		for _, v := range versions {
			out = append(out, r.defs[t][v])
		}
	}
	return out
}

// Newest returns the newest version of each type, by type.
func (r *Registry) Newest() []*Definition {
	var out []*Definition
	for _, t := range r.types() {
		out = append(out, r.defs[t][r.newest[t]])
	}
	return out
}

func (r *Registry) types() []string {
	types := make([]string, 0, len(r.defs))
	for t := range r.defs {
		types = append(types, t)
	}
	sort.Strings(types)
	return types
}

// ParticipantStreams returns the logical stream of every step of every
// registered version, sorted, each once: the streams the registered sagas
// send commands to, including those only an older version still uses.
func (r *Registry) ParticipantStreams() []string {
	seen := map[string]bool{}
	for _, d := range r.All() {
		for _, s := range d.Steps {
			seen[s.Participant] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
