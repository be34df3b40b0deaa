package stream_test

import (
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/iocount"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// A client from Connect tells iocount each command and round trip: a
// pipeline of two XADDs is one round trip.
func TestConnectCountsCommandsAndRoundTrips(t *testing.T) {
	_, prefix := testenv.Redis(t)
	rdb, err := stream.Connect(t.Context(), testenv.RedisURL(), 4)
	require.NoError(t, err)
	defer rdb.Close()
	key := prefix + "counted"
	run := func() {
		_, err = rdb.Pipelined(t.Context(), func(p redis.Pipeliner) error {
			p.XAdd(t.Context(), &redis.XAddArgs{Stream: key, Values: []string{"k", "v"}})
			p.XAdd(t.Context(), &redis.XAddArgs{Stream: key, Values: []string{"k", "v"}})
			return nil
		})
		require.NoError(t, err)
		require.NoError(t, rdb.XLen(t.Context(), key).Err())
	}
	run() // a new connection says HELLO first, which counts too
	before := iocount.Read()
	run()
	after := iocount.Read()
	require.Equal(t, uint64(2), after.RedisRoundTrips-before.RedisRoundTrips)
	require.Equal(t, uint64(2), after.RedisCommands["xadd"]-before.RedisCommands["xadd"])
	require.Equal(t, uint64(1), after.RedisCommands["xlen"]-before.RedisCommands["xlen"])
}
