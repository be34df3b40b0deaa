package transport_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/transport"
)

func TestClassify(t *testing.T) {
	boom := errors.New("boom")
	require.Equal(t, transport.OutcomeAck, transport.Classify(nil))
	require.Equal(t, transport.OutcomeDeadLetter, transport.Classify(saga.Permanent(boom)))
	require.Equal(t, transport.OutcomeHold, transport.Classify(saga.Unavailable(boom)))
	require.Equal(t, transport.OutcomeRetry, transport.Classify(boom))
}

func TestCallTurnsPanicsAndShortResultsIntoErrors(t *testing.T) {
	msgs := []transport.Message{{ID: "1"}, {ID: "2"}}
	panics := func(context.Context, []transport.Message) []error { panic("bug") }
	short := func(context.Context, []transport.Message) []error { return nil }
	for _, h := range []transport.BatchHandler{panics, short} {
		errs := transport.Call(context.Background(), h, msgs)
		require.Len(t, errs, 2)
		for _, err := range errs {
			require.Equal(t, transport.OutcomeRetry, transport.Classify(err))
		}
	}
}

func TestEachHandlesEveryMessageInOrder(t *testing.T) {
	var seen []string
	h := transport.Each(func(_ context.Context, m transport.Message) error {
		seen = append(seen, m.ID)
		if m.ID == "2" {
			return errors.New("boom")
		}
		return nil
	})
	errs := h(context.Background(), []transport.Message{{ID: "1"}, {ID: "2"}, {ID: "3"}})
	require.Equal(t, []string{"1", "2", "3"}, seen)
	require.NoError(t, errs[0])
	require.Error(t, errs[1])
	require.NoError(t, errs[2])
}

func TestSubscriptionConfigDefaultsAndValidation(t *testing.T) {
	cfg, err := transport.SubscriptionConfig{Stream: "s", Group: "g"}.WithDefaults()
	require.NoError(t, err)
	require.EqualValues(t, transport.DefaultMaxDeliveries, cfg.MaxDeliveries)
	for _, bad := range []transport.SubscriptionConfig{
		{Group: "g"}, {Stream: "s"}, {Stream: "s", Group: "g", MaxDeliveries: -1}, {Stream: "s", Group: "g", BatchSize: -1},
	} {
		_, err := bad.WithDefaults()
		require.Error(t, err, "%+v", bad)
	}
}

func TestOutgoingFieldsAreTheWireFormat(t *testing.T) {
	o := transport.Outgoing{Stream: "s", PartitionKey: "saga-1", MessageID: "m-1", Type: "T", Payload: []byte(`{}`)}
	m := transport.Message{Fields: o.Fields()}
	require.Equal(t, map[string]string{"message_id": "m-1", "type": "T", "saga_id": "saga-1", "envelope": "{}"}, m.Fields)
	require.Equal(t, "m-1", m.MessageID())
	require.Equal(t, "T", m.Type())
	require.Equal(t, "saga-1", m.PartitionKey())
	require.Equal(t, []byte(`{}`), m.Envelope())
}
