package pg_test

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// A pool gets a connection per consumer and shard, up to six per
// consumer, and four for the rest; never less than pgxpool's default.
func TestSizingBoundsThePoolByShardsAndConsumers(t *testing.T) {
	floor := max(int32(4), int32(runtime.NumCPU()))
	for _, c := range []struct {
		size pg.Sizing
		want int32
	}{
		{pg.Sizing{}, 4},
		{pg.Sizing{Readers: 1}, 5},               // a participant on a single Redis
		{pg.Sizing{Readers: 2, Shards: 1}, 6},    // the orchestrator on a single Redis
		{pg.Sizing{Readers: 1, Shards: 16}, 10},  // a participant on a cluster
		{pg.Sizing{Readers: 2, Shards: 16}, 16},  // the orchestrator on a cluster
		{pg.Sizing{Readers: 2, Shards: 3}, 10},   // fewer shards than the cap
		{pg.Sizing{Readers: 7, Shards: 256}, 46}, // many consumers
		{pg.Sizing{Readers: -1, Shards: -1}, 4},  // nonsense counts as none
	} {
		require.Equal(t, max(c.want, floor), c.size.MaxConns(), "%+v", c.size)
	}
}

// ConnectSized bounds the pool by its sizing unless the URL names a bound.
func TestConnectSizedKeepsTheURLsBound(t *testing.T) {
	t.Parallel()
	url := testenv.Database(t)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	size := pg.Sizing{Readers: 2, Shards: 16}
	pool, err := pg.ConnectSized(ctx, url, testSchema, size)
	require.NoError(t, err)
	defer pool.Close()
	require.Equal(t, size.MaxConns(), pool.Config().MaxConns)
	require.Equal(t, "off", setting(ctx, t, pool, "enable_seqscan"), "the pool's connections are set up as Connect's")

	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	own, err := pg.ConnectSized(ctx, url+sep+"pool_max_conns=3", testSchema, size)
	require.NoError(t, err)
	defer own.Close()
	require.Equal(t, int32(3), own.Config().MaxConns, "pool_max_conns in the URL wins")
}
