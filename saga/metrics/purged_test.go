package metrics

import (
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"
)

// The purge counters start at zero, so that rates see them before the
// first purge, and count what they are given.
func TestPurgedCounters(t *testing.T) {
	reg := prometheus.NewRegistry()
	sagas, err := NewSagasPurged(reg)
	require.NoError(t, err)
	barriers, err := NewBarriersPurged(reg)
	require.NoError(t, err)
	sagas.Add(500)
	require.NoError(t, testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP streamsaga_sagas_purged_total Finished sagas (COMPLETED, COMPENSATED) deleted with their history once older than the saga retention.
# TYPE streamsaga_sagas_purged_total counter
streamsaga_sagas_purged_total 500
# HELP streamsaga_barrier_records_purged_total Barrier records (one per saga step) deleted once untouched for longer than the saga retention.
# TYPE streamsaga_barrier_records_purged_total counter
streamsaga_barrier_records_purged_total 0
`)))
	require.InDelta(t, 0, testutil.ToFloat64(barriers), 0)
	_, err = NewSagasPurged(reg)
	require.ErrorContains(t, err, "registering", "one per registry")
}
