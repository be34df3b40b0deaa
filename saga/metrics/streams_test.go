package metrics

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// streamsFixture is a stream "s" with group "g" under a test prefix.
type streamsFixture struct {
	rdb  *redis.Client
	keys stream.Keys
	reg  *prometheus.Registry
}

func newStreamsFixture(t *testing.T, groups ...StreamGroup) *streamsFixture {
	rdb, prefix := testenv.Redis(t)
	f := &streamsFixture{rdb: rdb, keys: stream.Keys{Prefix: prefix}, reg: prometheus.NewRegistry()}
	require.NoError(t, f.reg.Register(NewStreams(rdb, f.keys, groups, ScrapeOptions{})))
	return f
}

func (f *streamsFixture) add(t *testing.T, key string, n int) {
	for range n {
		require.NoError(t, f.rdb.XAdd(t.Context(), &redis.XAddArgs{Stream: key, Values: []any{"k", "v"}}).Err())
	}
}

// read takes up to n entries for consumer c of group g.
func (f *streamsFixture) read(t *testing.T, n int64) []redis.XMessage {
	res, err := f.rdb.XReadGroup(t.Context(), &redis.XReadGroupArgs{Group: f.keys.Group("g"), Consumer: "c",
		Streams: []string{f.keys.Stream("s"), ">"}, Count: n, Block: -1}).Result()
	require.NoError(t, err)
	return res[0].Messages
}

func (f *streamsFixture) ack(t *testing.T, msgs ...redis.XMessage) {
	for _, m := range msgs {
		require.NoError(t, f.rdb.XAck(t.Context(), f.keys.Stream("s"), f.keys.Group("g"), m.ID).Err())
	}
}

func (f *streamsFixture) gauge(t *testing.T, name string, labels map[string]string) (float64, bool) {
	m := find(t, f.reg, name, labels)
	if m == nil {
		return 0, false
	}
	return m.GetGauge().GetValue(), true
}

var sg = map[string]string{"stream": "s", "group": "g"}

func TestStreamsPendingLagAndDLQ(t *testing.T) {
	f := newStreamsFixture(t, StreamGroup{Stream: "s", Group: "g"})
	ctx := t.Context()
	require.NoError(t, stream.EnsureGroup(ctx, f.rdb, f.keys.Stream("s"), f.keys.Group("g")))
	f.add(t, f.keys.Stream("s"), 5)
	f.add(t, f.keys.DLQ("s"), 2)
	got := f.read(t, 2)
	f.ack(t, got[0])

	pending, ok := f.gauge(t, "streamsaga_stream_pending_entries", sg)
	require.True(t, ok)
	require.Equal(t, 1.0, pending, "two delivered, one acknowledged")
	lag, ok := f.gauge(t, "streamsaga_stream_lag_entries", sg)
	require.True(t, ok, "Redis 7 and the embedded Redis report lag")
	if testenv.IsEmbedded(f.rdb) {
		require.Positive(t, lag, "the embedded Redis reports the stream's length while the group is behind")
	} else {
		require.Equal(t, 3.0, lag, "three entries not delivered yet")
	}
	dlq, ok := f.gauge(t, "streamsaga_stream_dlq_entries", map[string]string{"stream": "s"})
	require.True(t, ok)
	require.Equal(t, 2.0, dlq)

	f.ack(t, append(f.read(t, 10), got[1])...)
	pending, _ = f.gauge(t, "streamsaga_stream_pending_entries", sg)
	require.Zero(t, pending)
	lag, ok = f.gauge(t, "streamsaga_stream_lag_entries", sg)
	require.True(t, ok)
	require.Zero(t, lag, "the group was delivered every entry")
	success, _ := f.gauge(t, "streamsaga_scrape_collector_success", map[string]string{"collector": "streams"})
	require.Equal(t, 1.0, success)
}

func TestStreamsWithoutTheStreamYet(t *testing.T) {
	f := newStreamsFixture(t, StreamGroup{Stream: "s", Group: "g"}, StreamGroup{Stream: "s", Group: "h"})
	_, ok := f.gauge(t, "streamsaga_stream_pending_entries", sg)
	require.False(t, ok, "no stream, no group: nothing pending to report")
	dlq, ok := f.gauge(t, "streamsaga_stream_dlq_entries", map[string]string{"stream": "s"})
	require.True(t, ok, "one DLQ series per stream, however many groups")
	require.Zero(t, dlq)
	success, _ := f.gauge(t, "streamsaga_scrape_collector_success", map[string]string{"collector": "streams"})
	require.Equal(t, 1.0, success, "a stream not created yet is not a failure")
}

func TestStreamsWhenRedisIsDown(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", DialTimeout: 100 * time.Millisecond, MaxRetries: -1})
	t.Cleanup(func() { _ = rdb.Close() })
	reg := prometheus.NewRegistry()
	require.NoError(t, reg.Register(NewStreams(rdb, stream.Keys{}, []StreamGroup{{Stream: "s", Group: "g"}}, ScrapeOptions{Timeout: time.Second})))
	mfs, err := reg.Gather()
	require.NoError(t, err)
	require.Len(t, mfs, 1, "only the success gauge")
	m := find(t, reg, "streamsaga_scrape_collector_success", map[string]string{"collector": "streams"})
	require.NotNil(t, m)
	require.Zero(t, m.GetGauge().GetValue())
}

// The outbox's dead letters (messages Redis refused for good) are counted
// under the stream label "outbox".
func TestStreamsCountOutboxDeadLetters(t *testing.T) {
	f := newStreamsFixture(t, StreamGroup{Stream: "s", Group: "g"})
	f.add(t, f.keys.DLQ(stream.Outbox), 3)
	dlq, ok := f.gauge(t, "streamsaga_stream_dlq_entries", map[string]string{"stream": stream.Outbox})
	require.True(t, ok)
	require.Equal(t, 3.0, dlq)
}
