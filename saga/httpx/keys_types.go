package httpx

import (
	"encoding/json"
	"reflect"
	"strings"
)

// field is a struct field as the JSON decoder sees it.
type field struct {
	name string
	typ  reflect.Type
}

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

// concrete is t without pointers, or nil when t decodes itself (its keys
// are its own business) or is free-form.
func concrete(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface || reflect.PointerTo(t).Implements(unmarshaler) {
		return nil
	}
	return t
}

// elem is the element type of t when t is of one of kinds, else nil.
func elem(t reflect.Type, kinds ...reflect.Kind) reflect.Type {
	if t == nil {
		return nil
	}
	for _, k := range kinds {
		if t.Kind() == k {
			return t.Elem()
		}
	}
	return nil
}

// memberType is the type of the value under key in an object of type t.
func memberType(t reflect.Type, fields map[string]field, key string) reflect.Type {
	if fields != nil {
		return fields[foldName(key)].typ
	}
	return elem(t, reflect.Map)
}

// structFields maps the folded JSON name of every field of struct t to the
// field, nil when t is not a struct.
func structFields(t reflect.Type) map[string]field {
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	out := map[string]field{}
	addFields(out, t)
	return out
}

func addFields(out map[string]field, t reflect.Type) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == "-" || !f.IsExported() && !f.Anonymous:
		case f.Anonymous && tag == "" && concrete(f.Type) != nil && concrete(f.Type).Kind() == reflect.Struct:
			addFields(out, concrete(f.Type))
		default:
			name := tag
			if name == "" {
				name = f.Name
			}
			if _, taken := out[foldName(name)]; !taken {
				out[foldName(name)] = field{name: name, typ: f.Type}
			}
		}
	}
}
