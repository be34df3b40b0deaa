package ui_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
)

// A saga's page shows its data and the result of each step that has one.
func TestSagaPageShowsDataAndStepResults(t *testing.T) {
	f := newFixture(t)
	orderID, sagaID := f.startOrder(t)
	in, err := f.store.GetSaga(t.Context(), sagaID)
	require.NoError(t, err)
	env := saga.Envelope{MessageID: saga.NewID(), Type: ordersaga.InventoryReserved, SagaID: sagaID,
		Step: ordersaga.StepReserveInventory, CausationID: in.Steps[0].CommandID, Time: f.clock.Now(),
		Data: json.RawMessage(`{"order_id":"` + orderID + `","hold":"<h-9>"}`)}
	require.NoError(t, f.runner.HandleReply(t.Context(), message(t, env)))

	p := f.get(t, "/ui/sagas/"+sagaID)
	requireHTML(t, p, http.StatusOK)
	require.Contains(t, p.body, `<details id="data"`)
	require.Contains(t, p.body, `&#34;order_id&#34;:&#34;`+orderID)
	require.Contains(t, p.body, `<td class="result"><code>{&#34;order_id&#34;:&#34;`+orderID)
	require.Contains(t, p.body, `&#34;hold&#34;:&#34;\u003ch-9\u003e&#34;`, "the result, its markup escaped")
	require.NotContains(t, p.body, "<h-9>")
}
