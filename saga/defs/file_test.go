package defs_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/defs"
)

func TestYAMLAndJSONGiveTheSameCanonicalDefinition(t *testing.T) {
	fromJSON, err := defs.ParseFile("testdata/preorder.json")
	require.NoError(t, err)
	fromYAML, err := defs.ParseFile("testdata/preorder.yaml")
	require.NoError(t, err)
	j, err := fromJSON.Canonical()
	require.NoError(t, err)
	y, err := fromYAML.Canonical()
	require.NoError(t, err)
	require.Equal(t, string(j), string(y))
	require.Equal(t, saga.Digest(j), saga.Digest(y))

	yamlNumbers, err := defs.Parse("n.yaml", []byte("type: n\nsteps:\n- name: a\n  participant: p\n"+
		"  action: {command: A, success: B, failure: C, payload: {a: 1.50, b: 0x10, c: 1e3, d: -0, e: .5}}\n"))
	require.NoError(t, err)
	jsonNumbers, err := defs.Parse("n.json", []byte(`{"type": "n", "steps": [{"name": "a", "participant": "p",
		"action": {"command": "A", "success": "B", "failure": "C", "payload": {"a": 1.50, "b": 16, "c": 1e3, "d": -0, "e": 0.5}}}]}`))
	require.NoError(t, err)
	require.Equal(t, string(jsonNumbers.Steps[0].ActionTemplate), string(yamlNumbers.Steps[0].ActionTemplate))
	require.Equal(t, `{"a":1.50,"b":16,"c":1e3,"d":-0,"e":0.5}`, string(jsonNumbers.Steps[0].ActionTemplate))
}

func TestAFileGivesEveryFieldOfTheDefinition(t *testing.T) {
	def, err := defs.ParseFile("testdata/preorder.json")
	require.NoError(t, err)
	require.Equal(t, "preorder", def.Type)
	require.Equal(t, 1, def.Version)
	require.True(t, def.HTTPStart, "a file's saga starts over HTTP unless http_start is false")
	charge := def.Steps[0]
	require.Equal(t, saga.Step{Name: "charge", Participant: "payment.commands", Action: "ProcessPayment",
		SuccessReply: "PaymentProcessed", FailureReply: "PaymentFailed", Compensation: "RefundPayment",
		CompensatedReply: "PaymentRefunded", Timeout: 10 * time.Second,
		Retry:          saga.RetryPolicy{MaxAttempts: 5, InitialBackoff: 200 * time.Millisecond},
		ActionTemplate: charge.ActionTemplate, CompensationTemplate: charge.CompensationTemplate},
		withoutFuncs(charge))
	require.JSONEq(t, `{"order_id": "${input.order_id}", "customer_id": "${input.customer_id}", "amount_cents": "${input.amount_cents}"}`,
		string(charge.ActionTemplate))
	require.Equal(t, time.Duration(0), def.Steps[1].Timeout, "the engine's default")
	require.Empty(t, def.Steps[1].Compensation)

	off, err := defs.Parse("t.json", []byte(`{"type": "t", "http_start": false, "steps": [`+step("a", "")+`]}`))
	require.NoError(t, err)
	require.False(t, off.HTTPStart)
	require.Equal(t, 1, off.EffectiveVersion(), "version defaults to 1")
}

func withoutFuncs(s saga.Step) saga.Step {
	s.ActionPayload, s.CompensationPayload = nil, nil
	return s
}

func TestRetryFieldsMapOntoTheRetryPolicy(t *testing.T) {
	def, err := defs.Parse("t.json", []byte(file(step("a",
		`"retry": {"max_attempts": 3, "backoff": "1s", "max_backoff": "1m", "multiplier": 1.5, "jitter": 0.1}`))))
	require.NoError(t, err)
	require.Equal(t, saga.RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Second, MaxBackoff: time.Minute,
		Multiplier: 1.5, Jitter: 0.1}, def.Steps[0].Retry)
}

func TestTheInputSchemaChecksTheInput(t *testing.T) {
	def, err := defs.ParseFile("testdata/preorder.json")
	require.NoError(t, err)
	require.NotNil(t, def.ValidateInput)
	require.JSONEq(t, `{"type": "object", "required": ["order_id", "customer_id", "amount_cents"]}`,
		onlyKeys(t, def.InputSchema, "type", "required"))
	require.NoError(t, def.ValidateInput(json.RawMessage(`{"order_id": "o1", "customer_id": "c1", "amount_cents": 100}`)))
	err = def.ValidateInput(json.RawMessage(`{"order_id": "o1", "amount_cents": "100"}`))
	require.EqualError(t, err, "data does not match the input schema: at /: missing property 'customer_id'; "+
		"at /amount_cents: got string, want integer")
	require.ErrorContains(t, def.ValidateInput(json.RawMessage(`{"order_id": "o1"`)), "data is not valid JSON")

	plain, err := defs.Parse("t.json", []byte(file(step("a", ""))))
	require.NoError(t, err)
	require.Nil(t, plain.ValidateInput, "without input_schema any JSON object is accepted")
	require.Nil(t, plain.InputSchema)
}

// onlyKeys is the JSON object raw with only the given keys.
func onlyKeys(t *testing.T, raw json.RawMessage, keys ...string) string {
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	out := map[string]any{}
	for _, k := range keys {
		out[k] = m[k]
	}
	b, err := json.Marshal(out)
	require.NoError(t, err)
	return string(b)
}
