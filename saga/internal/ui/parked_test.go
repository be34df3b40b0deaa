package ui_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver"
)

// A saga's page shows the definition version it runs on and, when it is
// parked, why.
func TestSagaPageShowsDefinitionVersionAndParkedReason(t *testing.T) {
	f := newFixture(t)
	_, sagaID := f.startOrder(t)
	p := f.get(t, "/ui/sagas/"+sagaID)
	requireHTML(t, p, http.StatusOK)
	require.Contains(t, p.body, `<dd id="definition-version">1</dd>`)
	require.NotContains(t, p.body, `id="parked"`)

	require.NoError(t, f.store.InTx(t.Context(), func(ctx context.Context, tx driver.Tx) error {
		return tx.ParkSagas(ctx, []driver.Park{{SagaID: sagaID, Reason: "steps <differ>"}}, f.clock.Now())
	}))
	p = f.get(t, "/ui/sagas/"+sagaID)
	require.Contains(t, p.body, `<span id="parked">steps &lt;differ&gt;</span>`)
}
