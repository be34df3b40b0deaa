package drivertest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

func inTx(t *testing.T, st driver.Store, fn func(ctx context.Context, tx driver.Tx) error) {
	t.Helper()
	require.NoError(t, st.InTx(ctx, fn))
}

func testDefinitionVersionKept(t *testing.T, st driver.Store) {
	one, many := newInstance(t), newInstance(t)
	require.Equal(t, 1, one.DefinitionVersion, "the engine records the version a saga starts on")
	one.DefinitionVersion, many.DefinitionVersion = 3, 4
	create(t, st, one)
	inTx(t, st, func(ctx context.Context, tx driver.Tx) error {
		_, err := tx.CreateSagas(ctx, []*saga.Instance{many})
		return err
	})
	require.Equal(t, 3, load(t, st, one.ID).DefinitionVersion)
	got, err := st.GetSaga(ctx, many.ID)
	require.NoError(t, err)
	require.Equal(t, 4, got.DefinitionVersion)
	require.Empty(t, got.Parked)
	listed, err := st.ListSagas(ctx, driver.ListQuery{Limit: 10})
	require.NoError(t, err)
	require.Len(t, listed, 2)
	require.Equal(t, 4, listed[0].DefinitionVersion)
}

func testRecordDefinition(t *testing.T, st driver.Store) {
	rec := driver.DefinitionRecord{Type: "order", Version: 1, Canonical: `{"type":"order"}`, Digest: "d1", RegisteredAt: now()}
	inTx(t, st, func(ctx context.Context, tx driver.Tx) error {
		got, err := tx.RecordDefinition(ctx, rec)
		require.NoError(t, err)
		require.Equal(t, rec.Digest, got.Digest, "a new definition is stored")
		return nil
	})
	changed := rec
	changed.Canonical, changed.Digest = `{"type":"order","steps":[]}`, "d2"
	inTx(t, st, func(ctx context.Context, tx driver.Tx) error {
		got, err := tx.RecordDefinition(ctx, changed)
		require.NoError(t, err)
		require.Equal(t, "d1", got.Digest, "the stored definition stays and is returned")
		require.Equal(t, rec.Canonical, got.Canonical)
		got, err = tx.RecordDefinition(ctx, driver.DefinitionRecord{Type: "order", Version: 2, Canonical: "{}", Digest: "d3", RegisteredAt: now()})
		require.NoError(t, err)
		require.Equal(t, "d3", got.Digest, "another version is another record")
		return nil
	})
}

func testParkAndUnpark(t *testing.T, st driver.Store) {
	inst, other := newInstance(t), newInstance(t)
	create(t, st, inst)
	create(t, st, other)
	due := inst.NextDeadline().Add(time.Hour)
	inTx(t, st, func(ctx context.Context, tx driver.Tx) error {
		return tx.ParkSagas(ctx, []driver.Park{{SagaID: inst.ID, Reason: "unknown version"}}, now())
	})
	inTx(t, st, func(ctx context.Context, tx driver.Tx) error {
		ids, err := tx.ClaimDueSagas(ctx, due, 10)
		require.NoError(t, err)
		require.Equal(t, []string{other.ID}, ids, "no timer claims a parked saga")
		parked, err := tx.ParkedSagas(ctx, 10)
		require.NoError(t, err)
		require.Len(t, parked, 1)
		require.Equal(t, inst.ID, parked[0].ID)
		require.Equal(t, "unknown version", parked[0].Parked)
		return nil
	})
	got, err := st.GetSaga(ctx, inst.ID)
	require.NoError(t, err)
	require.Equal(t, "unknown version", got.Parked)

	at := now()
	inTx(t, st, func(ctx context.Context, tx driver.Tx) error { return tx.UnparkSagas(ctx, []string{inst.ID}, at) })
	inTx(t, st, func(ctx context.Context, tx driver.Tx) error {
		ids, err := tx.ClaimDueSagas(ctx, at, 10)
		require.NoError(t, err)
		require.Equal(t, []string{inst.ID}, ids, "an unparked saga is due at once")
		parked, err := tx.ParkedSagas(ctx, 10)
		require.NoError(t, err)
		require.Empty(t, parked)
		return nil
	})
	require.Empty(t, load(t, st, inst.ID).Parked)
}
