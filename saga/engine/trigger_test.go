package engine_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// A definition's trigger starts one saga per event, however often the
// event is delivered; other events on the stream are acknowledged without
// effect, and one that cannot be read goes to the stream's dead letters.
func TestTriggerStartsOneSagaPerEvent(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	def := greeting()
	def.Trigger = &saga.Trigger{Stream: "signups.events", Event: "SignedUp"}
	e, rdb, prefix := sqliteEngine(ctx, t, engine.Config{Definitions: []*saga.Definition{def}})
	require.NoError(t, e.Start(ctx))
	t.Cleanup(func() { _ = e.Stop(context.Background()) })
	t.Cleanup(greeter(ctx, rdb, prefix))

	signup := saga.Envelope{MessageID: saga.NewID(), Type: "SignedUp", CorrelationID: "user-7",
		Time: time.Now().UTC(), Data: json.RawMessage(`{"name":"Hedy"}`)}
	other := saga.Envelope{MessageID: saga.NewID(), Type: "LoggedIn", Time: time.Now().UTC()}
	pub := redisstream.New(rdb, redisstream.Config{Prefix: prefix})
	out := []transport.Outgoing{outgoing(t, signup), outgoing(t, other), outgoing(t, signup),
		{Stream: "signups.events", PartitionKey: "x", MessageID: "garbage", Type: "SignedUp", Payload: []byte("{not json")}}
	require.NoError(t, pub.Publish(ctx, out))
	require.NoError(t, pub.Publish(ctx, out[:1]), "the same event once more, in another read")

	id := saga.TriggeredID(signup.MessageID, "greeting")
	require.Eventually(t, func() bool {
		s, err := e.Store().GetSaga(ctx, id)
		return err == nil && s.State == saga.StateCompleted
	}, 30*time.Second, 50*time.Millisecond)
	s, err := e.Store().GetSaga(ctx, id)
	require.NoError(t, err)
	require.Equal(t, "user-7", s.CorrelationID)
	require.JSONEq(t, `{"text":"hello, Hedy!"}`, string(s.Steps[1].Result))
	require.Eventually(t, func() bool {
		dls, err := pub.List(ctx, "signups.events", transport.ListOpts{Limit: 10})
		return err == nil && len(dls) == 1
	}, 10*time.Second, 50*time.Millisecond, "the unreadable entry is dead-lettered")
	counts, err := e.Store().CountSagasByState(ctx)
	require.NoError(t, err)
	var total int64
	for _, n := range counts {
		total += n
	}
	require.Equal(t, int64(1), total, "three deliveries of one event and another event started one saga")
}

func outgoing(t *testing.T, env saga.Envelope) transport.Outgoing {
	body, err := json.Marshal(env)
	require.NoError(t, err)
	return transport.Outgoing{Stream: "signups.events", PartitionKey: env.MessageID, MessageID: env.MessageID,
		Type: env.Type, Payload: body}
}
