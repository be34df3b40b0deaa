package sagahttp_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga/internal/sagahttp"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// bigDeadLetter adds a dead letter of payment.commands with a 100 kB
// envelope and a field of its own, as a producer with Redis access could
// write it, and returns its id.
func bigDeadLetter(t *testing.T, rdb redis.UniversalClient, keys stream.Keys) string {
	t.Helper()
	id, err := rdb.XAdd(context.Background(), &redis.XAddArgs{Stream: keys.DLQ(ordersaga.PaymentCommands), Values: []any{
		stream.FieldMessageID, "m-1", stream.FieldType, "ProcessPayment", stream.FieldSagaID, "s-1",
		stream.FieldEnvelope, strings.Repeat("é", 50_000), "tenant", "acme",
		stream.FieldDLQReason, "boom", stream.FieldDLQStream, ordersaga.PaymentCommands, stream.FieldDLQID, "1-0",
		stream.FieldDLQGroup, "payment", stream.FieldDLQDeliveries, "5", stream.FieldDLQAt, "2024-05-01T10:00:00.123456789Z",
	}}).Result()
	require.NoError(t, err)
	return id
}

// A listing shows every original field and every dlq_* field; a big value
// is cut to sagahttp.MaxListedValueBytes with its size shown.
func TestDeadLetterListShowsEveryFieldAndCutsBigOnes(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	keys := stream.Keys{Prefix: prefix}
	f := newDLQServer(t, rdb, keys)
	bigDeadLetter(t, rdb, keys)

	dl := waitDeadLetters(t, f, "/dlq", 1)[0].(map[string]any)
	require.Equal(t, true, dl["envelope_truncated"])
	require.Equal(t, float64(100_000), dl["envelope_bytes"])
	require.LessOrEqual(t, len(dl["envelope"].(string)), sagahttp.MaxListedValueBytes)
	require.True(t, strings.HasPrefix(strings.Repeat("é", 50_000), dl["envelope"].(string)), "cut at a character")
	fields := dl["fields"].(map[string]any)
	require.Equal(t, "acme", fields["tenant"])
	require.Equal(t, "m-1", fields[stream.FieldMessageID])
	require.Equal(t, dl["envelope"], fields[stream.FieldEnvelope])
	require.Equal(t, map[string]any{stream.FieldEnvelope: float64(100_000)}, dl["truncated"])
	require.Equal(t, map[string]any{
		stream.FieldDLQReason: "boom", stream.FieldDLQStream: ordersaga.PaymentCommands, stream.FieldDLQID: "1-0",
		stream.FieldDLQGroup: "payment", stream.FieldDLQDeliveries: "5", stream.FieldDLQAt: "2024-05-01T10:00:00.123456789Z",
	}, dl["dlq_fields"])
}

// GET /dlq/{stream}/{id} answers one dead letter whole.
func TestDeadLetterByIDIsWhole(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	keys := stream.Keys{Prefix: prefix}
	f := newDLQServer(t, rdb, keys)
	id := bigDeadLetter(t, rdb, keys)

	status, dl, _ := f.do(t, http.MethodGet, "/dlq/"+ordersaga.PaymentCommands+"/"+id, "")
	require.Equal(t, http.StatusOK, status, "%v", dl)
	require.Equal(t, id, dl["id"])
	require.Equal(t, strings.Repeat("é", 50_000), dl["envelope"])
	require.Equal(t, false, dl["envelope_truncated"])
	require.Equal(t, "acme", dl["fields"].(map[string]any)["tenant"])

	for path, want := range map[string]int{
		"/dlq/" + ordersaga.PaymentCommands + "/1-0": http.StatusNotFound,
		"/dlq/" + ordersaga.PaymentCommands + "/abc": http.StatusNotFound,
		"/dlq/nope/" + id: http.StatusNotFound,
	} {
		status, body, _ := f.do(t, http.MethodGet, path, "")
		require.Equal(t, want, status, path)
		require.NotEmpty(t, body["error"], path)
	}
}
