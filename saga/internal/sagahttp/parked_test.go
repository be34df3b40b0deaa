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

func TestSagaShowsItsDefinitionVersionAndWhyItIsParked(t *testing.T) {
	f := newFixture(t)
	now := time.Now().UTC()
	inst := &saga.Instance{ID: saga.NewID(), Type: "order", DefinitionVersion: 3, State: saga.StateRunning, Version: 1,
		Data: json.RawMessage(`{}`), CreatedAt: now, UpdatedAt: now,
		Steps: []saga.StepRecord{{Name: "reserve_inventory", State: saga.StepRunning}}}
	require.NoError(t, f.store.InTx(context.Background(), func(ctx context.Context, tx driver.Tx) error {
		if _, err := tx.CreateSagas(ctx, []*saga.Instance{inst}); err != nil {
			return err
		}
		return tx.ParkSagas(ctx, []driver.Park{{SagaID: inst.ID, Reason: "version 3 unknown"}}, now)
	}))

	status, body, _ := f.do(t, http.MethodGet, "/sagas/"+inst.ID, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, 3.0, body["definition_version"])
	require.Equal(t, "version 3 unknown", body["parked"])

	status, body, _ = f.do(t, http.MethodGet, "/sagas", "")
	require.Equal(t, http.StatusOK, status)
	item := body["sagas"].([]any)[0].(map[string]any)
	require.Equal(t, 3.0, item["definition_version"])
	require.Equal(t, "version 3 unknown", item["parked"])
}
