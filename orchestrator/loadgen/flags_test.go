package loadgen

import (
	"errors"
	"flag"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func env(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func TestParseFlagsTakesDefaultsFromTheEnvironment(t *testing.T) {
	c, err := ParseFlags(nil, env(map[string]string{"ORCHESTRATOR_URL": "http://o:1", "REDIS_URL": "redis://r:2/0",
		"STREAM_PREFIX": "p:", "API_TOKEN": "tok"}), io.Discard)
	require.NoError(t, err)
	require.Equal(t, "http://o:1", c.OrchestratorURL)
	require.Equal(t, "redis://r:2/0", c.RedisURL)
	require.Equal(t, "p:", c.StreamPrefix)
	require.Equal(t, "tok", c.APIToken)
	c.setDefaults()
	require.NoError(t, c.validate())
	require.Equal(t, DefaultClients, c.Clients, "closed loop by default")
	require.Equal(t, DefaultDuration, c.Duration)
	require.Equal(t, DefaultWarmup, c.Warmup)
}

func TestParseFlagsOpenLoop(t *testing.T) {
	c, err := ParseFlags([]string{"--rate", "300", "--count", "1000", "--warmup", "0", "--json"}, env(nil), io.Discard)
	require.NoError(t, err)
	c.setDefaults()
	require.NoError(t, c.validate())
	require.True(t, c.OpenLoop())
	require.Zero(t, c.Clients)
	require.Zero(t, c.Duration, "a count alone sets no duration")
	require.Zero(t, c.Warmup, "--warmup 0 means none")
	require.True(t, c.JSON)
	require.Equal(t, DefaultOrchestratorURL, c.OrchestratorURL)
}

func TestInvalidConfigurations(t *testing.T) {
	for name, c := range map[string]Config{
		"rate and clients": {Rate: 10, Clients: 2},
		"reject ratio":     {RejectRatio: 1.5},
		"negative count":   {Count: -1},
		"relative URL":     {OrchestratorURL: "localhost:8080"},
	} {
		c.setDefaults()
		require.Error(t, c.validate(), name)
	}
}

func TestParseFlagsErrors(t *testing.T) {
	_, err := ParseFlags([]string{"-h"}, env(nil), io.Discard)
	require.True(t, errors.Is(err, flag.ErrHelp))
	_, err = ParseFlags([]string{"--duration", "soon"}, env(nil), io.Discard)
	require.Error(t, err)
	_, err = ParseFlags([]string{"extra"}, env(nil), io.Discard)
	require.ErrorContains(t, err, "unexpected arguments")
	c, err := ParseFlags([]string{"--duration", "2s"}, env(nil), io.Discard)
	require.NoError(t, err)
	require.Equal(t, 2*time.Second, c.Duration)
}
