package saga_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

func triggeredDef(data func(saga.Envelope) (json.RawMessage, error)) *saga.Definition {
	return &saga.Definition{Type: "welcome", Steps: []saga.Step{{Name: "mail", Participant: "mail.commands",
		Action: "Send", SuccessReply: "Sent", FailureReply: "NotSent"}},
		Trigger: &saga.Trigger{Stream: "signups.events", Event: "SignedUp", Data: data},
		ValidateInput: func(raw json.RawMessage) error {
			var in struct {
				Email string `json:"email"`
			}
			if err := json.Unmarshal(raw, &in); err != nil || in.Email == "" {
				return errors.New("an email is required")
			}
			return nil
		}}
}

func TestTriggeredStart(t *testing.T) {
	event := saga.Envelope{MessageID: saga.NewID(), Type: "SignedUp", CorrelationID: "u1",
		Data: json.RawMessage(`{"email":"a@example.com"}`)}
	in, err := triggeredDef(nil).TriggeredStart(event)
	require.NoError(t, err)
	require.Equal(t, saga.TriggeredID(event.MessageID, "welcome"), in.ID, "the same event gives the same saga id")
	require.True(t, saga.ValidID(in.ID))
	require.NotEqual(t, saga.TriggeredID(event.MessageID, "other"), in.ID, "another type gets another saga")
	require.Equal(t, "u1", in.CorrelationID)
	require.JSONEq(t, `{"email":"a@example.com"}`, string(in.Data))
	require.Equal(t, event.MessageID, in.TriggerID)
	require.Equal(t, "SignedUp", in.TriggerType)

	named := event
	named.SagaID = saga.NewID()
	in, err = triggeredDef(nil).TriggeredStart(named)
	require.NoError(t, err)
	require.Equal(t, named.SagaID, in.ID, "an event that names its saga starts that saga")

	mapped := triggeredDef(func(e saga.Envelope) (json.RawMessage, error) {
		return json.RawMessage(`{"email":"b@example.com","from":"` + e.Type + `"}`), nil
	})
	in, err = mapped.TriggeredStart(event)
	require.NoError(t, err)
	require.JSONEq(t, `{"email":"b@example.com","from":"SignedUp"}`, string(in.Data))

	event.Data = json.RawMessage(`{"name":"no email"}`)
	_, err = triggeredDef(nil).TriggeredStart(event)
	require.True(t, saga.IsPermanent(err), "data the definition refuses is a permanent error: %v", err)
	require.ErrorContains(t, err, "an email is required")
}

func TestTriggerValidation(t *testing.T) {
	d := triggeredDef(nil)
	require.NoError(t, d.Validate())
	d.Trigger.Event = ""
	require.ErrorContains(t, d.Validate(), "a trigger needs a stream and an event type")
}

func TestTriggerInCanonicalForm(t *testing.T) {
	with, without := triggeredDef(nil), triggeredDef(nil)
	without.Trigger = nil
	a, err := with.Canonical()
	require.NoError(t, err)
	b, err := without.Canonical()
	require.NoError(t, err)
	require.Contains(t, string(a), `"trigger":{"stream":"signups.events","event":"SignedUp"}`)
	require.NotContains(t, string(b), "trigger")
	require.NotEqual(t, saga.Digest(a), saga.Digest(b), "adding a trigger changes the definition")
}
