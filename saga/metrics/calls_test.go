package metrics

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/iocount"
)

func TestCallsShowTheProcessTotals(t *testing.T) {
	reg := prometheus.NewRegistry()
	require.NoError(t, reg.Register(NewCalls()))
	value := func(name string, labels map[string]string) float64 {
		m := find(t, reg, name, labels)
		if m == nil {
			return 0
		}
		return m.GetCounter().GetValue()
	}
	tx := value("streamsaga_db_transactions_total", nil)
	xadd := value("streamsaga_redis_commands_total", map[string]string{"command": "xadd"})
	iocount.DBStatement("BEGIN")
	iocount.RedisCommand("xadd")
	require.Equal(t, tx+1, value("streamsaga_db_transactions_total", nil))
	require.Equal(t, xadd+1, value("streamsaga_redis_commands_total", map[string]string{"command": "xadd"}))
	for _, name := range []string{"streamsaga_db_statements_total", "streamsaga_db_round_trips_total", "streamsaga_redis_round_trips_total"} {
		require.NotNil(t, find(t, reg, name, nil), name)
	}
}

func TestEveryServiceRegistryHasTheCalls(t *testing.T) {
	r, err := New()
	require.NoError(t, err)
	require.NotNil(t, find(t, r, "streamsaga_db_round_trips_total", nil))
}
