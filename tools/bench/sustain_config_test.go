package main

import (
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestParseFlagsReadsASustainedRun(t *testing.T) {
	c, err := parseFlags([]string{"--bin", binFolder(t), "--sustain", "30m", "--rate", "150"}, io.Discard)
	require.NoError(t, err)
	require.Equal(t, sustainConfig{duration: 30 * time.Minute, rate: 150, interval: time.Minute}, c.sustain)
	require.True(t, c.sustain.on())

	c, err = parseFlags([]string{"--bin", binFolder(t), "--sustain", "3m", "--rate", "100", "--interval", "30s"}, io.Discard)
	require.NoError(t, err)
	require.Equal(t, 30*time.Second, c.sustain.interval)

	c, err = parseFlags([]string{"--bin", binFolder(t)}, io.Discard)
	require.NoError(t, err)
	require.False(t, c.sustain.on(), "the fixed-load runs by default")
}

func TestParseFlagsRefusesAnIncompleteSustainedRun(t *testing.T) {
	bin := binFolder(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--sustain", "1m"}, "needs --rate"},
		{[]string{"--sustain", "1m", "--rate", "-5"}, "needs --rate"},
		{[]string{"--sustain", "-1m", "--rate", "5"}, "must be positive"},
		{[]string{"--sustain", "1m", "--rate", "5", "--interval", "0s"}, "--interval 0s must be positive"},
		{[]string{"--rate", "5"}, "--rate applies to a sustained run only"},
		{[]string{"--interval", "10s"}, "--interval applies to a sustained run only"},
		{[]string{"--sustain", "1m", "--rate", "5", "--rates", "20"}, "--rates does not apply"},
		{[]string{"--sustain", "1m", "--rate", "5", "--warmup", "1s"}, "--warmup does not apply"},
	} {
		_, err := parseFlags(append([]string{"--bin", bin}, tc.args...), io.Discard)
		require.ErrorContains(t, err, tc.want, "%v", tc.args)
	}
}

func TestParseFlagsCollectsServiceEnvironment(t *testing.T) {
	c, err := parseFlags([]string{"--bin", binFolder(t), "--service-env", "SAGA_RETENTION=1h",
		"--service-env", "INBOX_RETENTION=2h", "--service-env", "API_TOKEN=a=b"}, io.Discard)
	require.NoError(t, err)
	require.Equal(t, []string{"SAGA_RETENTION=1h", "INBOX_RETENTION=2h", "API_TOKEN=a=b"}, c.serviceEnv)

	for arg, want := range map[string]string{
		"SAGA_RETENTION":      "not KEY=VALUE",
		"=1h":                 "not KEY=VALUE",
		"SAGA RETENTION=1h":   "not KEY=VALUE",
		"DATABASE_URL=x":      "every run sets",
		"HTTP_ADDR=127.0.0.1": "every run sets",
	} {
		_, err := parseFlags([]string{"--bin", binFolder(t), "--service-env", arg}, io.Discard)
		require.ErrorContains(t, err, want, arg)
	}
}

func TestServiceEnvComesAfterTheRunsOwn(t *testing.T) {
	b := &bench{cfg: benchConfig{redisURL: "redis://r/1", logLevel: "warn", serviceEnv: []string{"LOG_LEVEL=debug", "SAGA_RETENTION=1h"}}}
	env := b.serviceEnv("postgres://db")
	require.Equal(t, []string{"DATABASE_URL=postgres://db", "REDIS_URL=redis://r/1", "LOG_LEVEL=warn", "LOG_LEVEL=debug", "SAGA_RETENTION=1h"},
		env[len(env)-5:], "the last of a variable given twice wins")
}

func TestSustainArgsRunTheGeneratorOnceWithIntervals(t *testing.T) {
	ps := []*process{{name: "orchestrator", addr: "o:1"}, {name: "inventory", addr: "i:2"}, {name: "payment", addr: "p:3"}}
	c := benchConfig{redisURL: "redis://r/11", sustain: sustainConfig{duration: 3 * time.Minute, rate: 100, interval: 30 * time.Second}}
	require.Equal(t, []string{"--json", "--url", "http://o:1", "--inventory-url", "http://i:2", "--payment-url", "http://p:3",
		"--redis-url", "redis://r/11", "--rate", "100", "--duration", "3m0s", "--warmup", "0", "--interval", "30s"},
		sustainArgs(c, ps))
}
