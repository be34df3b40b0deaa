package outbox

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRelayConfigDefaults(t *testing.T) {
	var cfg RelayConfig
	cfg.setDefaults()
	require.Equal(t, 256, cfg.BatchSize)
	require.Equal(t, time.Second, cfg.PollInterval)
	require.Equal(t, 10*time.Second, cfg.MaxBackoff)
	require.Equal(t, 30*time.Second, cfg.PassTimeout)
	require.NotNil(t, cfg.Logger)
}

func TestRetryDelay(t *testing.T) {
	r := &Relay{cfg: RelayConfig{PollInterval: 300 * time.Millisecond, MaxBackoff: time.Second}}
	boom := errors.New("boom")
	want := []time.Duration{100, 200, 400, 800, 1000, 1000}
	for i, w := range want {
		require.Equal(t, w*time.Millisecond, r.retryDelay(boom, i+1), "failure %d", i+1)
	}
	require.Equal(t, 300*time.Millisecond, r.retryDelay(&waitError{err: boom}, 5), "a failed wait pauses at most a poll")
	r.cfg.MaxBackoff = 30 * time.Millisecond
	require.Equal(t, 30*time.Millisecond, r.retryDelay(boom, 1), "first pause at most MaxBackoff")
	require.Equal(t, 30*time.Millisecond, r.retryDelay(boom, 1000), "no overflow")
}
