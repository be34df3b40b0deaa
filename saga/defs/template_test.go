package defs_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/defs"
)

// payloadOf parses a file whose second step's action has the payload
// template and returns the builder.
func payloadOf(t *testing.T, template string) saga.PayloadFunc {
	t.Helper()
	def, err := defs.Parse("t.json", []byte(file(step("reserve", ""),
		step("pay", `"action": {"command": "Pay", "success": "Paid", "failure": "Declined", "payload": `+template+`}`))))
	require.NoError(t, err)
	require.NotNil(t, def.Steps[1].ActionPayload)
	return def.Steps[1].ActionPayload
}

// mapped builds the payload on the input and results and returns its JSON.
func mapped(t *testing.T, f saga.PayloadFunc, in saga.PayloadInput) string {
	t.Helper()
	v, err := f(in)
	require.NoError(t, err)
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

var mappingInput = saga.PayloadInput{SagaID: "0b8e4bd4-4a4c-4c53-9a52-2f4a1d0c7e11",
	Data: json.RawMessage(`{"name": "Ada", "amount": 12.50, "big": 12345678901234567890, "vip": true, "note": null,
		"address": {"city": "Oslo", "zip": "0150"}, "items": [{"sku": "A", "qty": 2}, {"sku": "B", "qty": 1}]}`),
	Results: map[string]json.RawMessage{"reserve": json.RawMessage(`{"hold": "h-7", "held": [1, 2], "until": {"day": 3}}`)}}

func TestAWholeStringPathKeepsTheValuesType(t *testing.T) {
	cases := []struct{ template, want string }{
		{`{"v": "${input.name}"}`, `{"v":"Ada"}`},
		{`{"v": "${input.amount}"}`, `{"v":12.50}`},
		{`{"v": "${input.big}"}`, `{"v":12345678901234567890}`},
		{`{"v": "${input.vip}"}`, `{"v":true}`},
		{`{"v": "${input.note}"}`, `{"v":null}`},
		{`{"v": "${input.address}"}`, `{"v":{"city":"Oslo","zip":"0150"}}`},
		{`{"v": "${input.items}"}`, `{"v":[{"sku":"A","qty":2},{"sku":"B","qty":1}]}`},
		{`{"v": "${input.items.1.sku}"}`, `{"v":"B"}`},
		{`{"v": "${steps.reserve.result.held}"}`, `{"v":[1,2]}`},
		{`{"v": "${steps.reserve.result}"}`, `{"v":{"hold":"h-7","held":[1,2],"until":{"day":3}}}`},
		{`{"v": "${saga.id}"}`, `{"v":"0b8e4bd4-4a4c-4c53-9a52-2f4a1d0c7e11"}`},
		{`"${input.address.city}"`, `"Oslo"`},
		{`"${input}"`, `{"name":"Ada","amount":12.50,"big":12345678901234567890,"vip":true,"note":null,` +
			`"address":{"city":"Oslo","zip":"0150"},"items":[{"sku":"A","qty":2},{"sku":"B","qty":1}]}`},
	}
	for _, c := range cases {
		t.Run(c.template, func(t *testing.T) {
			got := mapped(t, payloadOf(t, c.template), mappingInput)
			require.Equal(t, c.want, compact(t, got), "numbers keep the text they were written with")
		})
	}
}

func TestAPathInsideALongerStringIsReplacedByItsText(t *testing.T) {
	cases := []struct{ template, want string }{
		{`"Dear ${input.name}"`, `"Dear Ada"`},
		{`"${input.name} pays ${input.amount}"`, `"Ada pays 12.50"`},
		{`"vip=${input.vip} note=${input.note}"`, `"vip=true note=null"`},
		{`"to ${input.address}"`, `"to {\"city\":\"Oslo\",\"zip\":\"0150\"}"`},
		{`"held ${steps.reserve.result.held} for ${saga.id}"`, `"held [1,2] for 0b8e4bd4-4a4c-4c53-9a52-2f4a1d0c7e11"`},
		{`"costs $${input.amount}, really ${input.amount}"`, `"costs ${input.amount}, really 12.50"`},
		{`"no path here"`, `"no path here"`},
		{`""`, `""`},
	}
	for _, c := range cases {
		t.Run(c.template, func(t *testing.T) {
			require.Equal(t, c.want, mapped(t, payloadOf(t, c.template), mappingInput))
		})
	}
}

func TestTemplatesNestObjectsAndArraysAndKeepLiterals(t *testing.T) {
	template := `{"order": {"customer": "${input.name}", "lines": ["${input.items.0}", {"sku": "${input.items.1.sku}", "n": 1}],
		"flags": [true, false, null, 3.0, "x"]}, "hold": "${steps.reserve.result.until.day}", "saga": "saga ${saga.id}", "empty": {}}`
	got := mapped(t, payloadOf(t, template), mappingInput)
	require.JSONEq(t, `{"order": {"customer": "Ada", "lines": [{"sku": "A", "qty": 2}, {"sku": "B", "n": 1}],
		"flags": [true, false, null, 3.0, "x"]}, "hold": 3, "saga": "saga 0b8e4bd4-4a4c-4c53-9a52-2f4a1d0c7e11", "empty": {}}`, got)
	require.Contains(t, got, `3.0`, "a literal number keeps its text too")
}

func TestAValueMissingAtRunTimeIsAPermanentErrorNamingThePath(t *testing.T) {
	cases := []struct{ template, want string }{
		{`{"v": "${input.phone}"}`, "${input.phone}: the saga's input has no value at phone"},
		{`{"v": "call ${input.address.street}"}`, "${input.address.street}: the saga's input has no value at address.street"},
		{`{"v": "${input.items.5}"}`, "${input.items.5}: the saga's input has no value at items.5"},
		{`{"v": "${steps.reserve.result.code}"}`, "${steps.reserve.result.code}: the result of step reserve has no value at code"},
		{`["${input.name}", ["${steps.reserve.result.until.hour}"]]`, "${steps.reserve.result.until.hour}: the result of step reserve has no value at until.hour"},
	}
	for _, c := range cases {
		t.Run(c.template, func(t *testing.T) {
			_, err := payloadOf(t, c.template)(mappingInput)
			require.True(t, saga.IsPermanent(err), "the data will not change: retrying cannot help")
			require.EqualError(t, err, "permanent: "+c.want)
		})
	}
	in := mappingInput
	in.Results = nil
	_, err := payloadOf(t, `{"v": "${steps.reserve.result.hold}"}`)(in)
	require.True(t, saga.IsPermanent(err))
	require.EqualError(t, err, "permanent: ${steps.reserve.result.hold}: step reserve has no result")
	in.Data = nil
	_, err = payloadOf(t, `"${input}"`)(in)
	require.EqualError(t, err, "permanent: ${input}: the saga's input is empty")
}

func TestAStepWithoutPayloadSendsTheSagasInput(t *testing.T) {
	def, err := defs.Parse("t.json", []byte(file(step("a", ""))))
	require.NoError(t, err)
	require.Nil(t, def.Steps[0].ActionPayload)
	require.Nil(t, def.Steps[0].ActionTemplate)
}

func compact(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(json.RawMessage(s))
	require.NoError(t, err)
	return string(b)
}

func TestAPathEscapesADotInAFieldName(t *testing.T) {
	in := saga.PayloadInput{Data: json.RawMessage(`{"a.b": {"c": 7}, "a": {"b": 1}}`)}
	require.Equal(t, `{"v":7}`, mapped(t, payloadOf(t, `{"v": "${input.a\\.b.c}"}`), in))
	require.Equal(t, `{"v":1}`, mapped(t, payloadOf(t, `{"v": "${input.a.b}"}`), in))
}
