package saga

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCanonicalFormCarriesTemplatesAndInputSchemaOnlyWhenSet(t *testing.T) {
	plain, err := twoStep().Canonical()
	require.NoError(t, err)
	require.NotContains(t, string(plain), "payload")
	require.NotContains(t, string(plain), "input_schema")

	def := twoStep()
	def.Steps[0].ActionTemplate = json.RawMessage(`{"sku":"${input.sku}"}`)
	def.Steps[0].CompensationTemplate = json.RawMessage(`{"hold":"${steps.reserve.result.hold}"}`)
	def.InputSchema = json.RawMessage(`{"type":"object"}`)
	got, err := def.Canonical()
	require.NoError(t, err)
	require.NotEqual(t, Digest(plain), Digest(got), "a template is part of the definition")

	var back DefinitionSpec
	require.NoError(t, json.Unmarshal(got, &back))
	require.JSONEq(t, `{"sku":"${input.sku}"}`, string(back.Steps[0].Action.Payload))
	require.JSONEq(t, `{"hold":"${steps.reserve.result.hold}"}`, string(back.Steps[0].Compensation.Payload))
	require.JSONEq(t, `{"type":"object"}`, string(back.InputSchema))
	require.Nil(t, back.Steps[1].Action.Payload)

	def.Steps[0].ActionTemplate = json.RawMessage(`{"sku":"${input.item}"}`)
	changed, err := def.Canonical()
	require.NoError(t, err)
	require.NotEqual(t, Digest(got), Digest(changed))
}
