package sagahttp_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// A replay Redis refuses is a 409 with the reason, and the dead letter
// stays listed.
func TestDeadLetterReplayRefusedKeepsIt(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	keys := stream.Keys{Prefix: prefix}
	f := newDLQServer(t, rdb, keys)
	ctx := context.Background()
	id, err := rdb.XAdd(ctx, &redis.XAddArgs{Stream: keys.DLQ(ordersaga.PaymentCommands), Values: []any{
		stream.FieldMessageID, "m-1", stream.FieldEnvelope, "{}", stream.FieldDLQReason, "r"}}).Result()
	require.NoError(t, err)
	require.NoError(t, rdb.Set(ctx, keys.Stream(ordersaga.PaymentCommands), "a string", 0).Err())

	status, body, _ := f.do(t, http.MethodPost, "/dlq/"+ordersaga.PaymentCommands+"/"+id+"/replay", "")
	require.Equal(t, http.StatusConflict, status, "%v", body)
	require.Contains(t, body["error"], "WRONGTYPE")
	dls := waitDeadLetters(t, f, "/dlq", 1)
	require.Equal(t, id, dls[0].(map[string]any)["id"])
}
