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

func TestSagaShowsItsDataAndEachStepsResult(t *testing.T) {
	f := newFixture(t)
	st := f.store
	now := time.Now().UTC()
	inst := &saga.Instance{ID: saga.NewID(), Type: "order", State: saga.StateRunning, Version: 1,
		Data: json.RawMessage(`{"order_id":"o-1"}`), CreatedAt: now, UpdatedAt: now,
		Steps: []saga.StepRecord{
			{Name: "reserve_inventory", State: saga.StepSucceeded, Result: json.RawMessage(`{"hold":"h-7"}`)},
			{Name: "process_payment", State: saga.StepRunning},
		}}
	require.NoError(t, st.InTx(context.Background(), func(ctx context.Context, tx driver.Tx) error {
		_, err := tx.CreateSagas(ctx, []*saga.Instance{inst})
		return err
	}))

	status, body, _ := f.do(t, http.MethodGet, "/sagas/"+inst.ID, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, map[string]any{"order_id": "o-1"}, body["data"])
	steps := body["steps"].([]any)
	require.Equal(t, map[string]any{"hold": "h-7"}, steps[0].(map[string]any)["result"])
	result, present := steps[1].(map[string]any)["result"]
	require.True(t, present, "a step without a result says so with null")
	require.Nil(t, result)
}
