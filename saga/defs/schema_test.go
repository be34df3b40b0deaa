package defs_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/streamsaga/streamsaga/saga/defs"
)

// formatSchema compiles the file format's schema.
func formatSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(defs.FormatSchema()))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("definition.json", doc))
	sch, err := c.Compile("definition.json")
	require.NoError(t, err)
	return sch
}

// asJSONValue reads a definition file as the schema library's values.
func asJSONValue(t *testing.T, name string, content []byte) any {
	t.Helper()
	if filepath.Ext(name) != ".json" {
		var v any
		require.NoError(t, yaml.Unmarshal(content, &v))
		var err error
		content, err = json.Marshal(v)
		require.NoError(t, err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(content))
	require.NoError(t, err)
	return v
}

func TestEveryExampleFileMatchesTheFormatSchema(t *testing.T) {
	sch := formatSchema(t)
	names, err := filepath.Glob("testdata/*")
	require.NoError(t, err)
	var checked int
	for _, name := range names {
		if !defs.IsDefinitionFile(name) {
			continue
		}
		content, err := os.ReadFile(name)
		require.NoError(t, err)
		require.NoError(t, sch.Validate(asJSONValue(t, name, content)), name)
		checked++
	}
	require.GreaterOrEqual(t, checked, 3)
}

func TestTheFormatSchemaRejectsBrokenFiles(t *testing.T) {
	sch := formatSchema(t)
	for name, content := range map[string]string{
		"no steps":                    `{"type": "t"}`,
		"an unknown field":            `{"type": "t", "steps": [` + step("a", "") + `], "owner": "me"}`,
		"an unknown step field":       file(step("a", `"retries": 3`)),
		"a step without an action":    file(`{"name": "a", "participant": "p"}`),
		"a dotted step name":          file(step("a.b", "")),
		"a duration without unit":     file(step("a", `"timeout": "10"`)),
		"a retry of zero attempts":    file(step("a", `"retry": {"max_attempts": 0}`)),
		"a jitter above 1":            file(step("a", `"retry": {"jitter": 1.5}`)),
		"a compensation without done": file(step("a", `"compensation": {"command": "Undo"}`)),
		"a parallel group of one":     file(`{"parallel": [` + step("a", "") + `]}`),
		"a nested parallel group":     file(`{"parallel": [` + step("a", "") + `, {"parallel": [` + step("b", "") + `, ` + step("c", "") + `]}]}`),
		"a version of zero":           `{"type": "t", "version": 0, "steps": [` + step("a", "") + `]}`,
		"http_start as text":          `{"type": "t", "http_start": "yes", "steps": [` + step("a", "") + `]}`,
	} {
		err := sch.Validate(asJSONValue(t, "broken.json", []byte(content)))
		require.Error(t, err, name)
		_, parseErr := defs.Parse("broken.json", []byte(content))
		require.Error(t, parseErr, "%s: the loader refuses it too", name)
	}
}
