package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseCountedKeepsTheCountedSeries(t *testing.T) {
	text := `# HELP streamsaga_db_round_trips_total x
# TYPE streamsaga_db_round_trips_total counter
streamsaga_db_round_trips_total 1234
streamsaga_db_round_trips_totalish 1
streamsaga_redis_commands_total{command="xadd"} 56
streamsaga_http_requests_total{code="202",method="POST",route="/orders"} 9
go_memstats_mallocs_total 7.5e+06
`
	got, err := parseCounted(strings.NewReader(text))
	require.NoError(t, err)
	require.Equal(t, map[string]float64{
		"streamsaga_db_round_trips_total":                 1234,
		`streamsaga_redis_commands_total{command="xadd"}`: 56,
		"go_memstats_mallocs_total":                       7.5e6,
	}, got)
	require.Equal(t, "redis xadd", counterName(`streamsaga_redis_commands_total{command="xadd"}`))
	require.Equal(t, "db round trips", counterName("streamsaga_db_round_trips_total"))
}
