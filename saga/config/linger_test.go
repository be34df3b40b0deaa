package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLoadLingers(t *testing.T) {
	for _, v := range []struct {
		name string
		def  time.Duration
		got  func(Config) time.Duration
	}{
		{"STREAM_LINGER", 0, func(c Config) time.Duration { return c.StreamLinger }},
		{"ORDER_EVENTS_LINGER", DefaultOrderEventsLinger, func(c Config) time.Duration { return c.OrderEventsLinger }},
	} {
		t.Run(v.name, func(t *testing.T) {
			t.Setenv(v.name, "")
			c, err := Load("")
			require.NoError(t, err)
			require.Equal(t, v.def, v.got(c), "unset")

			for in, want := range map[string]time.Duration{"0": 0, "10ms": 10 * time.Millisecond, MaxStreamLinger.String(): MaxStreamLinger} {
				t.Setenv(v.name, in)
				c, err = Load("")
				require.NoError(t, err, in)
				require.Equal(t, want, v.got(c), in)
			}

			for _, bad := range []string{"soon", "-1ms", "1001ms", "10"} {
				t.Setenv(v.name, bad)
				_, err := Load("")
				require.ErrorContains(t, err, v.name, bad)
			}
		})
	}
}
