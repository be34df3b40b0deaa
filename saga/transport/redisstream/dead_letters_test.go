package redisstream_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// An id that is not one whole entry id names no dead letter, and Redis is
// not asked: it would read "123" as a range bound.
func TestMalformedDeadLetterIDsAreNotFound(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
	t.Cleanup(func() { _ = rdb.Close() })
	tr := redisstream.New(rdb, redisstream.Config{Logger: testLogger(t)})
	ctx := context.Background()
	for _, id := range []string{"", "abc", "123", "1-2-3", "-1", "1-"} {
		_, err := tr.Get(ctx, "s", id)
		require.ErrorIs(t, err, transport.ErrNotFound, id)
		_, err = tr.Replay(ctx, "s", id)
		require.ErrorIs(t, err, transport.ErrNotFound, id)
	}
	_, err := tr.Get(ctx, "s", "1-0")
	require.Error(t, err)
	require.NotErrorIs(t, err, transport.ErrNotFound, "a well-formed id is looked up")
}
