package sagahttp_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/internal/sagahttp"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// On a Redis Cluster every dead letter names its shard; GET /dlq lists one
// shard on demand, and get and replay take the shard's ids.
func TestDeadLettersPerShardOnACluster(t *testing.T) {
	rdb := rediscluster.Start(t, 3).Client(t, 64)
	tr := redisstream.New(rdb, redisstream.Config{Prefix: "t" + testenv.RandomSuffix() + ":"})
	keys := tr.Keys()
	reg, err := saga.NewRegistry(ordersaga.Definition())
	require.NoError(t, err)
	log := logrus.New()
	log.SetOutput(io.Discard)
	srv := httptest.NewServer(sagahttp.New(nil, logrus.NewEntry(log)).WithDLQ(sagahttp.DLQ{
		DeadLetters: tr, Registry: reg, Streams: []string{ordersaga.EventsStream}, Shards: keys.Shards,
	}).Handler())
	t.Cleanup(srv.Close)
	f := &fixture{srv: srv}

	fixed := make(chan struct{})
	handled := poisonConsumer(t, rdb, keys, ordersaga.InventoryCommands, "inventory", fixed)
	for i := range 6 {
		publishPoison(t, rdb, keys, ordersaga.InventoryCommands, fmt.Sprintf("m-%d", i))
	}
	all := waitDeadLetters(t, f, "/dlq", 6)
	byShard := map[int][]map[string]any{}
	for _, v := range all {
		dl := v.(map[string]any)
		shard := keys.ShardOf(dl["saga_id"].(string))
		require.Equal(t, float64(shard), dl["shard"], "%v", dl)
		require.True(t, strings.HasPrefix(dl["id"].(string), fmt.Sprintf("%d:", shard)), "%v", dl["id"])
		require.True(t, strings.HasPrefix(dl["source_id"].(string), fmt.Sprintf("%d:", shard)), "%v", dl["source_id"])
		byShard[shard] = append(byShard[shard], dl)
	}
	for shard, dls := range byShard {
		only := waitDeadLetters(t, f, fmt.Sprintf("/dlq?stream=%s&shard=%d", ordersaga.InventoryCommands, shard), len(dls))
		require.ElementsMatch(t, toAny(dls), only)
	}

	status, body, _ := f.do(t, http.MethodGet, "/dlq/streams", "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, float64(stream.DefaultShards), body["shards"])
	for _, q := range []string{"shard=16", "shard=-1", "shard=x"} {
		status, _, _ := f.do(t, http.MethodGet, "/dlq?"+q, "")
		require.Equal(t, http.StatusBadRequest, status, q)
	}

	first := all[0].(map[string]any)
	id := first["id"].(string)
	status, one, _ := f.do(t, http.MethodGet, "/dlq/"+ordersaga.InventoryCommands+"/"+id, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, first["message_id"], one["message_id"])
	close(fixed)
	status, body, _ = f.do(t, http.MethodPost, "/dlq/"+ordersaga.InventoryCommands+"/"+id+"/replay", "")
	require.Equal(t, http.StatusAccepted, status, "%v", body)
	got := receive(t, handled)
	require.Equal(t, body["replayed_as"], keys.EntryID(got.Shard, got.ID))
	require.Equal(t, first["shard"], float64(got.Shard), "replayed onto its shard")
	waitDeadLetters(t, f, "/dlq", 5)
}

func toAny(dls []map[string]any) []any {
	out := make([]any, len(dls))
	for i, dl := range dls {
		out[i] = dl
	}
	return out
}
