package defs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/streamsaga/streamsaga/saga"
)

// inputSchema reads the input_schema field, a JSON Schema of the saga's
// input, into the definition's ValidateInput.
func inputSchema(f *fields, def *saga.Definition) {
	v, ok := f.obj["input_schema"]
	if !ok {
		return
	}
	a := at{field: "input_schema"}
	raw := canonicalJSON(f.r, a, v)
	sch, err := compileSchema(raw)
	if err != nil {
		f.r.add(a, "not a usable JSON Schema: %s", schemaProblem(err))
		return
	}
	def.InputSchema = raw
	def.ValidateInput = func(data json.RawMessage) error {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("data is not valid JSON: %w", err)
		}
		if err := sch.Validate(doc); err != nil {
			return fmt.Errorf("data does not match the input schema: %s", describe(err))
		}
		return nil
	}
}

// schemaURL is where a compiled input schema says it comes from.
const schemaURL = "urn:streamsaga:input-schema"

// compileSchema compiles a schema that refers to no other document: a
// $ref to anything outside it is an error, not a download.
func compileSchema(raw []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(jsonschema.SchemeURLLoader{})
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(schemaURL)
}

// schemaProblem says why a schema does not compile, on one line.
func schemaProblem(err error) string {
	var sve *jsonschema.SchemaValidationError
	if errors.As(err, &sve) {
		return describe(sve.Err)
	}
	return oneLine(err)
}

// describe puts a validation error's reasons on one line: each leaf with
// the place in the data it is about.
func describe(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return oneLine(err)
	}
	var out []string
	leaves(ve, &out)
	return strings.Join(out, "; ")
}

func leaves(ve *jsonschema.ValidationError, out *[]string) {
	if len(ve.Causes) == 0 {
		where := "/" + strings.Join(ve.InstanceLocation, "/")
		*out = append(*out, fmt.Sprintf("at %s: %s", where, ve.ErrorKind.LocalizedString(printer)))
		return
	}
	for _, c := range ve.Causes {
		leaves(c, out)
	}
}

// printer writes the schema library's messages in English.
var printer = message.NewPrinter(language.English)

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }
