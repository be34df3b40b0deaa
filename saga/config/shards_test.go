package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoadStreamShards(t *testing.T) {
	t.Setenv("STREAM_SHARDS", "")
	c, err := Load("")
	require.NoError(t, err)
	require.Equal(t, DefaultStreamShards, c.StreamShards)
	t.Setenv("STREAM_SHARDS", "4")
	c, err = Load("")
	require.NoError(t, err)
	require.Equal(t, 4, c.StreamShards)
	for _, bad := range []string{"0", "-1", "257", "many", "2.5"} {
		t.Setenv("STREAM_SHARDS", bad)
		_, err := Load("")
		require.ErrorContains(t, err, "STREAM_SHARDS", bad)
	}
}
