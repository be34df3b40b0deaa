package sagahttp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

func TestSagaStepsNameTheirParallelGroup(t *testing.T) {
	f := newFixture(t)
	now := time.Now().UTC()
	inst := &saga.Instance{ID: saga.NewID(), Type: "trip", State: saga.StateRunning, Version: 1,
		Data: json.RawMessage(`{}`), CreatedAt: now, UpdatedAt: now,
		Steps: []saga.StepRecord{
			{Name: "seats", Group: "hold", State: saga.StepSucceeded},
			{Name: "room", Group: "hold", State: saga.StepRunning},
			{Name: "pay", State: saga.StepPending},
		}}
	require.NoError(t, f.store.InTx(context.Background(), func(ctx context.Context, tx driver.Tx) error {
		_, err := tx.CreateSagas(ctx, []*saga.Instance{inst})
		return err
	}))

	status, body, _ := f.do(t, http.MethodGet, "/sagas/"+inst.ID, "")
	require.Equal(t, http.StatusOK, status)
	steps := body["steps"].([]any)
	require.Equal(t, "hold", steps[0].(map[string]any)["group"])
	require.Equal(t, "hold", steps[1].(map[string]any)["group"])
	_, present := steps[2].(map[string]any)["group"]
	require.False(t, present, "a step of its own has no group")
}
