package drivertest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

func createKeyed(st driver.Store, inst *saga.Instance, key driver.RequestKey) error {
	return st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return tx.CreateKeyedSaga(ctx, inst, key) })
}

func byKey(t *testing.T, st driver.Store, key string) (*saga.Instance, driver.RequestKey, error) {
	t.Helper()
	var inst *saga.Instance
	var found driver.RequestKey
	err := st.InTx(ctx, func(ctx context.Context, tx driver.Tx) (err error) {
		inst, found, err = tx.SagaByIdempotencyKey(ctx, key)
		return err
	})
	return inst, found, err
}

// testSagaIdempotencyKey: a saga started with a key is found by it with its
// request hash; the key is refused to another saga, which is not stored;
// sagas without a key never conflict.
func testSagaIdempotencyKey(t *testing.T, st driver.Store) {
	first := newInstance(t)
	require.NoError(t, createKeyed(st, first, driver.RequestKey{Key: "k-1", RequestHash: "h1"}))
	got, key, err := byKey(t, st, "k-1")
	require.NoError(t, err)
	require.Equal(t, first.ID, got.ID)
	require.Equal(t, first.Type, got.Type)
	require.Equal(t, driver.RequestKey{Key: "k-1", RequestHash: "h1"}, key)

	_, _, err = byKey(t, st, "k-2")
	require.ErrorIs(t, err, saga.ErrNotFound)
	_, _, err = byKey(t, st, "")
	require.ErrorIs(t, err, saga.ErrNotFound, "the empty key names no saga")

	other := newInstance(t)
	err = createKeyed(st, other, driver.RequestKey{Key: "k-1", RequestHash: "h2"})
	require.ErrorIs(t, err, driver.ErrIdempotencyKeyUsed)
	_, err = st.GetSaga(ctx, other.ID)
	require.ErrorIs(t, err, saga.ErrNotFound, "nothing stored for a taken key")

	err = createKeyed(st, first, driver.RequestKey{Key: "k-3", RequestHash: "h1"})
	require.ErrorIs(t, err, saga.ErrDuplicate, "an id that exists")
	_, _, err = byKey(t, st, "k-3")
	require.ErrorIs(t, err, saga.ErrNotFound)

	require.NoError(t, createKeyed(st, newInstance(t), driver.RequestKey{}))
	require.NoError(t, createKeyed(st, newInstance(t), driver.RequestKey{}))
	create(t, st, newInstance(t))
	counts, err := st.CountSagasByState(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(4), counts[saga.StateRunning], "sagas without a key never conflict")
}
