package loadgen

import (
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// outcomeEntry is an orders.events entry as the orchestrator writes it.
func outcomeEntry(t *testing.T, typ, sagaID, customer string, at time.Time) map[string]any {
	t.Helper()
	data, err := json.Marshal(ordersaga.OutcomeData{OrderID: "o-" + sagaID, SagaID: sagaID, CustomerID: customer})
	require.NoError(t, err)
	env := saga.Envelope{MessageID: saga.NewID(), Type: typ, SagaID: sagaID, SagaType: ordersaga.SagaType,
		CorrelationID: "o-" + sagaID, Time: at, Data: data}
	b, err := env.Encode()
	require.NoError(t, err)
	return map[string]any{stream.FieldMessageID: env.MessageID, stream.FieldType: typ,
		stream.FieldSagaID: sagaID, stream.FieldEnvelope: string(b)}
}

func TestParseOutcome(t *testing.T) {
	id := saga.NewID()
	r, customer, ok := parseOutcome(redis.XMessage{Values: outcomeEntry(t, ordersaga.OrderRejected, id, "lg-a-c-001", t0)})
	require.True(t, ok)
	require.Equal(t, resolution{sagaID: id, result: Rejected, completedAt: t0}, r)
	require.Equal(t, "lg-a-c-001", customer)

	_, _, ok = parseOutcome(redis.XMessage{Values: outcomeEntry(t, ordersaga.OrderCreated, id, "lg-a-c-001", t0)})
	require.False(t, ok, "not an outcome")
	_, _, ok = parseOutcome(redis.XMessage{Values: map[string]any{stream.FieldEnvelope: "{"}})
	require.False(t, ok, "does not parse")
}

func TestTailSeesOnlyNewOutcomesOfItsRun(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	key := stream.Keys{Prefix: prefix}.Stream(ordersaga.EventsStream)
	ctx := t.Context()
	from, err := lastID(ctx, rdb, key)
	require.NoError(t, err)
	require.Equal(t, "0-0", from, "no stream yet")
	before, mine, theirs := saga.NewID(), saga.NewID(), saga.NewID()
	xadd(t, rdb, key, outcomeEntry(t, ordersaga.OrderApproved, before, "lg-a-c-000", t0))
	from, err = lastID(ctx, rdb, key)
	require.NoError(t, err)

	rec := &recorder{}
	tr := newTracker(rec.onDone)
	doneBefore, doneMine, doneTheirs := tr.add(newOrder(before, t0, true)), tr.add(newOrder(mine, t0, true)), tr.add(newOrder(theirs, t0, true))
	tailCtx, stop := context.WithCancel(ctx)
	tl := &tail{rdb: rdb, key: key, from: from, plan: plan{runID: "lg-a"}, tracker: tr, warn: newConsole(io.Discard).printf}
	stopped := make(chan struct{})
	go func() { tl.run(tailCtx); close(stopped) }()
	defer func() { stop(); <-stopped }()
	xadd(t, rdb, key, outcomeEntry(t, ordersaga.OrderApproved, theirs, "lg-b-c-000", t0))
	xadd(t, rdb, key, outcomeEntry(t, ordersaga.OrderApproved, mine, "lg-a-c-000", t0.Add(time.Second)))

	select {
	case <-doneMine:
	case <-time.After(5 * time.Second):
		t.Fatal("the run's event was not seen")
	}
	require.False(t, closed(doneBefore), "entries before the run are skipped")
	require.False(t, closed(doneTheirs), "another run's events are ignored")
	require.Equal(t, []resolution{{sagaID: mine, result: Approved, completedAt: t0.Add(time.Second)}}, rec.done)
}

func xadd(t *testing.T, rdb redis.UniversalClient, key string, values map[string]any) {
	t.Helper()
	require.NoError(t, rdb.XAdd(t.Context(), &redis.XAddArgs{Stream: key, Values: values}).Err())
}
