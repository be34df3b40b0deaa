package stream

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

func rdbFrom(opts *redis.Options) *redis.Client { return redis.NewClient(opts) }

func TestConnect(t *testing.T) {
	test, _ := setup(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	rdb, err := Connect(ctx, testenv.URLOf(test), 7)
	require.NoError(t, err)
	defer rdb.Close()
	require.Equal(t, 7, rdb.Options().PoolSize)
}

func TestConnectErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := Connect(ctx, "redis://:secret@127.0.0.1:1/0", 0)
	require.ErrorContains(t, err, "connecting to Redis at 127.0.0.1:1")
	require.NotContains(t, err.Error(), "secret")

	_, err = Connect(ctx, "http://127.0.0.1:6379", 0)
	require.ErrorContains(t, err, "parsing Redis URL")
}

// A REDIS_URL that does not parse is named without its password.
func TestConnectParseErrorHidesThePassword(t *testing.T) {
	for _, url := range []string{"redis://u:s3cret@[bad/0", "redis://u:s3cr%zzet@127.0.0.1/0"} {
		_, err := Connect(context.Background(), url, 0)
		require.ErrorContains(t, err, "parsing Redis URL", url)
		require.NotContains(t, err.Error(), "s3cr", url)
	}
}
