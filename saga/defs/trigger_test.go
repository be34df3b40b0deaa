package defs_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/defs"
)

func TestATriggerMapsTheEventIntoTheSagasData(t *testing.T) {
	def, err := defs.ParseFile("testdata/welcome.yaml")
	require.NoError(t, err)
	require.Equal(t, "accounts.events", def.Trigger.Stream)
	require.Equal(t, "SignedUp", def.Trigger.Event)
	event := saga.Envelope{MessageID: saga.NewID(), Type: "SignedUp", CorrelationID: "a-17",
		Data: json.RawMessage(`{"email":"ada@example.com","plan":{"name":"team","seats":5}}`)}
	in, err := def.TriggeredStart(event)
	require.NoError(t, err)
	require.JSONEq(t, `{"email":"ada@example.com","plan":{"name":"team","seats":5},"account":"account a-17"}`, string(in.Data),
		"a whole-string path keeps the value's type; one inside a string gives its text")
	require.Equal(t, saga.TriggeredID(event.MessageID, "welcome"), in.ID)

	event.Data = json.RawMessage(`{"email":"ada@example.com"}`)
	_, err = def.TriggeredStart(event)
	require.True(t, saga.IsPermanent(err), "an event without the mapped value cannot start a saga: %v", err)
	require.ErrorContains(t, err, "${event.data.plan}")

	spec, err := def.Canonical()
	require.NoError(t, err)
	require.Contains(t, string(spec), `"trigger":{"stream":"accounts.events","event":"SignedUp","data":{`)
}

func TestATriggerWithoutDataPassesTheEventsDataOn(t *testing.T) {
	def, err := defs.Parse("t.json", []byte(`{"type": "t", "trigger": {"stream": "s", "event": "E"},
		"steps": [{"name": "a", "participant": "p", "action": {"command": "C", "success": "S", "failure": "F"}}]}`))
	require.NoError(t, err)
	in, err := def.TriggeredStart(saga.Envelope{MessageID: saga.NewID(), Type: "E", Data: json.RawMessage(`{"x":1}`)})
	require.NoError(t, err)
	require.JSONEq(t, `{"x":1}`, string(in.Data))
}

func TestTriggerLoadErrors(t *testing.T) {
	step := `"steps": [{"name": "a", "participant": "p", "action": {"command": "C", "success": "S", "failure": "F"}}]`
	for name, c := range map[string]struct{ trigger, want string }{
		"no event":      {`{"stream": "s"}`, "t.json: trigger.event: missing"},
		"unknown field": {`{"stream": "s", "event": "E", "when": "now"}`, "t.json: trigger.when: unknown field (known: stream, event, data)"},
		"not an object": {`"s"`, "t.json: trigger: must be an object, not text"},
		"input path": {`{"stream": "s", "event": "E", "data": {"x": "${input.x}"}}`,
			"t.json: trigger.data.x: path ${input.x}: a trigger's data reads the event alone (event.data...)"},
		"bare event": {`{"stream": "s", "event": "E", "data": "${event}"}`,
			"t.json: trigger.data: path ${event} must name a field of the event, such as event.data"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := defs.Parse("t.json", []byte(`{"type": "t", "trigger": `+c.trigger+`, `+step+`}`))
			require.EqualError(t, err, c.want)
		})
	}
	_, err := defs.Parse("t.json", []byte(`{"type": "t", `+step[:len(step)-1]+`, {"name": "b", "participant": "p",
		"action": {"command": "C", "success": "S", "failure": "F", "payload": {"x": "${event.data}"}}}]}`))
	require.ErrorContains(t, err, "path ${event.data} must start with input, steps or saga", "a step's payload does not read events")
}
