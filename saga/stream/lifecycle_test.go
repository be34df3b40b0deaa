package stream

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// With Block left zero (the 1s default, not "forever") Stop returns within
// about one Block even while XREADGROUP is blocked, and no goroutine of the
// consumer outlives it.
func TestStopIsPromptAndLeaksNothing(t *testing.T) {
	test, keys := setup(t)
	if testenv.IsEmbedded(test) {
		t.Skip("skipping: the embedded Redis has no CLIENT LIST to see the blocked read; set STREAMSAGA_TEST_REDIS_URL to run this test")
	}
	opts, err := redis.ParseURL(testenv.URLOf(test))
	require.NoError(t, err)
	opts.ClientName = "stream-test-" + testenv.RandomSuffix()
	rdb := redis.NewClient(opts)
	require.NoError(t, rdb.Ping(context.Background()).Err())
	before := goleak.IgnoreCurrent()

	c, err := NewConsumer(rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Logger: testLogger(t)},
		func(context.Context, Message) error { return nil })
	require.NoError(t, err)
	require.Equal(t, DefaultBlock, c.Config().Block)
	require.NoError(t, c.Start(context.Background()))
	waitBlockedRead(t, rdb, opts.ClientName)

	start := time.Now()
	require.NoError(t, c.Stop(context.Background()))
	elapsed := time.Since(start)
	t.Logf("Stop took %s", elapsed)
	require.Less(t, elapsed, DefaultBlock+time.Second)
	require.NoError(t, rdb.Close())
	goleak.VerifyNone(t, before)
}

// waitBlockedRead waits until a connection named name is blocked in
// XREADGROUP.
func waitBlockedRead(t *testing.T, rdb *redis.Client, name string) {
	t.Helper()
	require.Eventually(t, func() bool {
		list, err := rdb.ClientList(context.Background()).Result()
		if err != nil {
			return false
		}
		for _, line := range strings.Split(list, "\n") {
			if strings.Contains(line, " name="+name+" ") && strings.Contains(line, " cmd=xreadgroup") &&
				strings.Contains(line, " flags=b ") {
				return true
			}
		}
		return false
	}, waitTimeout, 5*time.Millisecond, "the read loop never blocked in XREADGROUP")
}

func TestStartTwiceFails(t *testing.T) {
	rdb, keys := setup(t)
	c := startConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g"}, func(context.Context, Message) error { return nil })
	require.Error(t, c.Start(context.Background()))
}

func TestStartFailsWithoutRedis(t *testing.T) {
	rdb, _ := setup(t)
	opts := *rdb.Options()
	opts.Addr = "127.0.0.1:1"
	down := rdbFrom(&opts)
	defer down.Close()
	c, err := NewConsumer(down, Keys{}, ConsumerConfig{Stream: "s", Group: "g", Logger: testLogger(t)}, func(context.Context, Message) error { return nil })
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.ErrorContains(t, c.Start(ctx), "creating consumer group")
	require.NoError(t, c.Stop(ctx), "Stop after a failed Start is a no-op")
}
