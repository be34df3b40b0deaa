package cli_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

// Once the retention purged an order's finished saga, the order still
// leads to it, and says why it is gone; a FAILED saga is kept for the
// operator however old it is.
func TestSagasShowOfAPurgedSaga(t *testing.T) {
	f := newFixture(t, options{})
	done, failed := f.compensatedSaga(t, "insufficient funds"), f.failedSaga(t)
	f.clock.advance(31 * 24 * time.Hour)
	n, err := f.engine.PurgeSagas(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 1, n)

	r := f.cli(t, "sagas", "show", done.id)
	require.Equal(t, 1, r.code)
	require.Equal(t, "orchestrator: order "+done.id+" has saga "+done.sagaID+": GET /sagas/"+done.sagaID+
		": 404 Not Found: saga "+done.sagaID+" is not kept: order "+done.id+" is REJECTED (insufficient funds); "+
		"a finished saga is purged with its history after the saga retention (SAGA_RETENTION)\n", r.stderr)
	f.requireState(t, failed, saga.StateFailed)
	require.Contains(t, f.cli(t, "sagas", "show", failed.id).ok(t).stdout, "FAILED")
}
