package sagahttp_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/internal/sagahttp"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// waitTimeout bounds every wait for a signal in these tests.
const waitTimeout = 10 * time.Second

// microTime is the API's time format: RFC 3339, UTC, six fraction digits.
var microTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)

// newDLQServer serves the API with only the dead-letter dependency: those
// endpoints need neither the saga store nor the order service. It serves
// the streams of the order saga and of defs, as the orchestrator does.
func newDLQServer(t *testing.T, rdb redis.UniversalClient, keys stream.Keys, defs ...*saga.Definition) *fixture {
	reg, err := saga.NewRegistry(append([]*saga.Definition{ordersaga.Definition()}, defs...)...)
	require.NoError(t, err)
	log := logrus.New()
	log.SetOutput(io.Discard)
	a := sagahttp.New(nil, logrus.NewEntry(log)).WithDLQ(sagahttp.DLQ{
		DeadLetters: redisstream.New(rdb, redisstream.Config{Prefix: keys.Prefix}),
		Registry:    reg, Streams: []string{ordersaga.EventsStream},
	})
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	return &fixture{srv: srv}
}

// poisonConsumer consumes a logical stream with group, dead-lettering every
// entry until fixed is closed and sending the entries it then handles to
// the returned channel.
func poisonConsumer(t *testing.T, rdb redis.UniversalClient, keys stream.Keys, name, group string, fixed <-chan struct{}) <-chan stream.Message {
	handled := make(chan stream.Message, 16)
	h := func(_ context.Context, m stream.Message) error {
		select {
		case <-fixed:
			handled <- m
			return nil
		default:
			return saga.Permanent(errors.New("unknown command type"))
		}
	}
	c, err := stream.NewConsumer(rdb, keys, stream.ConsumerConfig{
		Stream: name, Group: group, Block: 100 * time.Millisecond, Logger: discardLog(),
	}, h)
	require.NoError(t, err)
	require.NoError(t, c.Start(context.Background()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
		defer cancel()
		require.NoError(t, c.Stop(ctx))
	})
	return handled
}

func discardLog() *logrus.Entry {
	l := logrus.New()
	l.SetOutput(io.Discard)
	return logrus.NewEntry(l)
}

func publishPoison(t *testing.T, rdb redis.UniversalClient, keys stream.Keys, name, msgID string) outbox.Message {
	m := outbox.Message{MessageID: msgID, Stream: name, PartitionKey: "saga-" + msgID,
		Type: "ReserveInventory", Payload: []byte(`{"message_id":"` + msgID + `","type":"ReserveInventory"}`)}
	require.NoError(t, stream.NewPublisher(rdb, keys, stream.PublisherConfig{}).Publish(context.Background(), []outbox.Message{m}))
	return m
}

// waitDeadLetters polls GET path until it lists n dead letters.
func waitDeadLetters(t *testing.T, f *fixture, path string, n int) []any {
	t.Helper()
	var dls []any
	require.Eventually(t, func() bool {
		status, body, _ := f.do(t, http.MethodGet, path, "")
		dls, _ = body["dead_letters"].([]any)
		return status == http.StatusOK && len(dls) == n
	}, waitTimeout, 20*time.Millisecond, "GET %s never listed %d dead letters", path, n)
	return dls
}

func receive(t *testing.T, ch <-chan stream.Message) stream.Message {
	t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(waitTimeout):
		t.Fatal("timed out waiting for the replayed entry to be handled")
		return stream.Message{}
	}
}

func TestDeadLetterListAndReplay(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	keys := stream.Keys{Prefix: prefix}
	f := newDLQServer(t, rdb, keys)
	fixed := make(chan struct{})
	handled := poisonConsumer(t, rdb, keys, ordersaga.InventoryCommands, "inventory", fixed)
	poisonConsumer(t, rdb, keys, ordersaga.PaymentCommands, "payment", make(chan struct{}))

	inv := publishPoison(t, rdb, keys, ordersaga.InventoryCommands, "m-inv")
	first := waitDeadLetters(t, f, "/dlq", 1)[0].(map[string]any)
	// Entry ids order by millisecond: two dead letters of the same
	// millisecond in two streams tie, and neither is the newer one.
	time.Sleep(2 * time.Millisecond)
	publishPoison(t, rdb, keys, ordersaga.PaymentCommands, "m-pay")
	all := waitDeadLetters(t, f, "/dlq", 2)
	require.Equal(t, ordersaga.PaymentCommands, all[0].(map[string]any)["stream"], "newest first")
	require.Equal(t, first, all[1])

	requireDeadLetter(t, first, inv)
	only := waitDeadLetters(t, f, "/dlq?stream="+ordersaga.InventoryCommands, 1)
	require.Equal(t, first, only[0])
	newest := waitDeadLetters(t, f, "/dlq?limit=1", 1)
	require.Equal(t, all[0], newest[0])

	close(fixed)
	id := first["id"].(string)
	status, body, _ := f.do(t, http.MethodPost, "/dlq/"+ordersaga.InventoryCommands+"/"+id+"/replay", "")
	require.Equal(t, http.StatusAccepted, status, "%v", body)
	require.Equal(t, ordersaga.InventoryCommands, body["stream"])
	require.Equal(t, id, body["id"])
	got := receive(t, handled)
	require.Equal(t, body["replayed_as"], got.ID)
	require.NotEqual(t, first["source_id"], got.ID)
	require.Equal(t, inv.MessageID, got.Fields[stream.FieldMessageID])
	require.Equal(t, string(inv.Payload), string(got.Envelope()))

	waitDeadLetters(t, f, "/dlq?stream="+ordersaga.InventoryCommands, 0)
	status, body, _ = f.do(t, http.MethodPost, "/dlq/"+ordersaga.InventoryCommands+"/"+id+"/replay", "")
	require.Equal(t, http.StatusNotFound, status, "a dead letter is replayed once")
	require.NotEmpty(t, body["error"])
}

func requireDeadLetter(t *testing.T, dl map[string]any, m outbox.Message) {
	t.Helper()
	require.Equal(t, ordersaga.InventoryCommands, dl["stream"])
	require.Equal(t, "inventory", dl["group"])
	require.Contains(t, dl["reason"], "unknown command type")
	require.Equal(t, float64(1), dl["deliveries"])
	require.Equal(t, m.Type, dl["type"])
	require.Equal(t, m.MessageID, dl["message_id"])
	require.Equal(t, m.PartitionKey, dl["saga_id"])
	require.Equal(t, string(m.Payload), dl["envelope"])
	require.NotEmpty(t, dl["id"])
	require.NotEmpty(t, dl["source_id"])
	require.Regexp(t, microTime, dl["at"])
}

func TestDeadLetterErrors(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	f := newDLQServer(t, rdb, stream.Keys{Prefix: prefix})
	status, body, _ := f.do(t, http.MethodGet, "/dlq", "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, []any{}, body["dead_letters"])

	for _, q := range []string{"stream=nope", "stream=inventory.commands.dlq", "limit=0", "limit=501", "limit=x"} {
		status, body, _ := f.do(t, http.MethodGet, "/dlq?"+q, "")
		require.Equal(t, http.StatusBadRequest, status, q)
		require.NotEmpty(t, body["error"], q)
	}
	for path, want := range map[string]string{
		"/dlq/nope/1-0/replay":                 `unknown stream "nope"`,
		"/dlq/inventory.commands/1-0/replay":   "no dead letter",
		"/dlq/inventory.commands/abc/replay":   "no dead letter",
		"/dlq/inventory.commands/123/replay":   "no dead letter",
		"/dlq/inventory.commands/1-2-3/replay": "no dead letter",
	} {
		status, body, _ := f.do(t, http.MethodPost, path, "")
		require.Equal(t, http.StatusNotFound, status, path)
		require.Contains(t, body["error"], want, path)
	}
}

func TestDeadLettersWithoutRedisAre503(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	t.Cleanup(func() { _ = rdb.Close() })
	f := newDLQServer(t, rdb, stream.Keys{})
	for method, path := range map[string]string{http.MethodGet: "/dlq", http.MethodPost: "/dlq/orders.events/1-0/replay"} {
		status, body, _ := f.do(t, method, path, "")
		require.Equal(t, http.StatusServiceUnavailable, status, path)
		require.NotEmpty(t, body["error"], path)
	}
}
