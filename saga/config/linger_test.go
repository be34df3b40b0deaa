package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLoadStreamLinger(t *testing.T) {
	t.Setenv("STREAM_LINGER", "")
	c, err := Load("")
	require.NoError(t, err)
	require.Zero(t, c.StreamLinger, "every read at once by default")

	t.Setenv("STREAM_LINGER", "10ms")
	c, err = Load("")
	require.NoError(t, err)
	require.Equal(t, 10*time.Millisecond, c.StreamLinger)

	t.Setenv("STREAM_LINGER", MaxStreamLinger.String())
	c, err = Load("")
	require.NoError(t, err)
	require.Equal(t, MaxStreamLinger, c.StreamLinger)

	for _, bad := range []string{"soon", "-1ms", "1001ms", "10"} {
		t.Setenv("STREAM_LINGER", bad)
		_, err := Load("")
		require.ErrorContains(t, err, "STREAM_LINGER", bad)
	}
}
