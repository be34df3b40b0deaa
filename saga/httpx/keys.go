package httpx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// checkKeys walks the JSON document b, to be decoded into a value of type
// t, and refuses a key written twice in one object and, in an object that
// fills a struct, a key not spelt exactly like its field: encoding/json
// matches field names case-insensitively and lets the last of two keys win,
// so "CUSTOMER_ID" would silently fill customer_id.
func checkKeys(b []byte, t reflect.Type) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := walkValue(dec, t, ""); err != nil {
		return err
	}
	return nil
}

// walkValue walks the next value of dec, of type t (nil when free-form).
func walkValue(dec *json.Decoder, t reflect.Type, path string) error {
	tok, err := dec.Token()
	if err != nil {
		return Errorf(http.StatusBadRequest, "malformed JSON: %v", err)
	}
	t = concrete(t)
	switch tok {
	case json.Delim('{'):
		return walkObject(dec, t, path)
	case json.Delim('['):
		return walkArray(dec, elem(t, reflect.Slice, reflect.Array), path)
	}
	return nil
}

func walkArray(dec *json.Decoder, t reflect.Type, path string) error {
	for i := 0; dec.More(); i++ {
		if err := walkValue(dec, t, path+"["+strconv.Itoa(i)+"]"); err != nil {
			return err
		}
	}
	_, err := dec.Token() // ]
	return err
}

func walkObject(dec *json.Decoder, t reflect.Type, path string) error {
	fields := structFields(t)
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Errorf(http.StatusBadRequest, "malformed JSON: %v", err)
		}
		key, _ := tok.(string)
		if err := checkKey(seen, fields, key, path); err != nil {
			return err
		}
		if err := walkValue(dec, memberType(t, fields, key), join(path, key)); err != nil {
			return err
		}
	}
	_, err := dec.Token() // }
	return err
}

// checkKey refuses key when it repeats one seen in the object (in any
// spelling the decoder takes for the same field, when the object fills a
// struct) or differs from its field's name.
func checkKey(seen map[string]bool, fields map[string]field, key, path string) error {
	id := key
	if fields != nil {
		id = foldName(key)
	}
	if seen[id] {
		return keyError(path, "duplicate key %q", key)
	}
	seen[id] = true
	if f, ok := fields[id]; ok && f.name != key {
		return keyError(path, "key %q must be written %q", key, f.name)
	}
	return nil
}

func keyError(path, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if path != "" {
		msg = path + ": " + msg
	}
	return Errorf(http.StatusBadRequest, "%s", msg)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// foldName folds a key as encoding/json does when it matches a key to a
// field name.
func foldName(s string) string {
	var b []byte
	for _, r := range s {
		if r < utf8.RuneSelf {
			b = append(b, byte(unicode.ToUpper(r)))
			continue
		}
		b = utf8.AppendRune(b, unicode.ToUpper(unicode.ToLower(r)))
	}
	return string(b)
}
