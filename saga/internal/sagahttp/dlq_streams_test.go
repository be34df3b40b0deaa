package sagahttp_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// preorder is a saga type a user registers, on a stream of its own.
func preorder() *saga.Definition {
	return &saga.Definition{Type: "preorder", Steps: []saga.Step{{
		Name: "hold", Participant: "preorders.commands", Action: "HoldPreorder",
		SuccessReply: "PreorderHeld", FailureReply: "PreorderRefused",
	}}}
}

func TestDeadLettersOfARegisteredSagaTypesStream(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	keys := stream.Keys{Prefix: prefix}
	f := newDLQServer(t, rdb, keys, preorder())
	id, err := rdb.XAdd(context.Background(), &redis.XAddArgs{Stream: keys.DLQ("preorders.commands"), Values: []any{
		stream.FieldMessageID, "m-1", stream.FieldType, "HoldPreorder", stream.FieldSagaID, "s-1",
		stream.FieldEnvelope, "{}", stream.FieldDLQReason, "boom", stream.FieldDLQStream, "preorders.commands",
		stream.FieldDLQID, "1-0", stream.FieldDLQGroup, "preorders",
	}}).Result()
	require.NoError(t, err)

	only := waitDeadLetters(t, f, "/dlq?stream=preorders.commands", 1)
	require.Equal(t, "preorders.commands", only[0].(map[string]any)["stream"])
	require.Equal(t, id, only[0].(map[string]any)["id"])
	all := waitDeadLetters(t, f, "/dlq", 1)
	require.Equal(t, "preorders.commands", all[0].(map[string]any)["stream"], "GET /dlq reads every known stream")
	status, body, _ := f.do(t, http.MethodGet, "/dlq/preorders.commands/"+id, "")
	require.Equal(t, http.StatusOK, status, body)

	status, body, _ = f.do(t, http.MethodGet, "/dlq?stream=shipping.commands", "")
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body["error"], "preorders.commands", "the error names the known streams")
}

func TestDLQStreamsListsEveryKnownStream(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	f := newDLQServer(t, rdb, stream.Keys{Prefix: prefix}, preorder())
	status, body, _ := f.do(t, http.MethodGet, "/dlq/streams", "")
	require.Equal(t, http.StatusOK, status, body)
	require.Equal(t, []any{"inventory.commands", "orchestrator.replies", "orders.events", "outbox",
		"payment.commands", "preorders.commands"}, body["streams"])
}
