package metrics

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// Streams the service does not read, such as the participant streams of the
// registered saga types, get a dead-letter series too, each once.
func TestStreamsCountDeadLettersOfStreamsNotRead(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	f := &streamsFixture{rdb: rdb, keys: stream.Keys{Prefix: prefix}, reg: prometheus.NewRegistry()}
	c := NewStreams(rdb, f.keys, []StreamGroup{{Stream: "s", Group: "g"}}, ScrapeOptions{}).
		WithDeadLetters("preorders.commands", "s", stream.Outbox, "empty.commands")
	require.NoError(t, f.reg.Register(c))
	f.add(t, f.keys.DLQ("preorders.commands"), 2)
	f.add(t, f.keys.DLQ("s"), 1)

	for name, want := range map[string]float64{"preorders.commands": 2, "s": 1, stream.Outbox: 0, "empty.commands": 0} {
		n, ok := f.gauge(t, "streamsaga_stream_dlq_entries", map[string]string{"stream": name})
		require.True(t, ok, name)
		require.Equal(t, want, n, name)
	}
	_, ok := f.gauge(t, "streamsaga_stream_pending_entries", map[string]string{"stream": "preorders.commands", "group": "g"})
	require.False(t, ok, "no pending series for a stream the service does not read")
	success, _ := f.gauge(t, "streamsaga_scrape_collector_success", map[string]string{"collector": "streams"})
	require.Equal(t, 1.0, success)
}
