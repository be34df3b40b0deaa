package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLogNameNumbersTheLaterProcesses(t *testing.T) {
	require.Equal(t, filepath.Join("logs", "payment.log"), logName("logs", "payment", 0))
	require.Equal(t, filepath.Join("logs", "payment-2.log"), logName("logs", "payment", 1))
}

func TestFirstIsTheLoadGeneratorsProcess(t *testing.T) {
	ps := []*process{{name: "orchestrator", addr: "a"}, {name: "orchestrator", addr: "b"}, {name: "inventory", addr: "c"}}
	require.Equal(t, "a", first(ps, "orchestrator").addr)
	require.Equal(t, "c", first(ps, "inventory").addr)
	require.Nil(t, first(ps, "payment"))
}

func TestAddSeriesAddsUpAServicesProcesses(t *testing.T) {
	counters := map[string]map[string]float64{}
	addSeries(counters, "payment", map[string]float64{"x": 2, "y": 1})
	addSeries(counters, "payment", map[string]float64{"x": 3})
	addSeries(counters, "inventory", map[string]float64{"x": 7})
	require.Equal(t, map[string]map[string]float64{"payment": {"x": 5, "y": 1}, "inventory": {"x": 7}}, counters)
}

func TestRedisSetupNamesTheCluster(t *testing.T) {
	require.Equal(t, "single", redisSetup(0))
	require.Equal(t, "cluster of 3 masters", redisSetup(3))
}
