package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/store"
	"github.com/streamsaga/streamsaga/saga"
)

func createKeyed(st store.Store, inst *saga.Instance, key store.RequestKey) error {
	return st.InTx(ctx, func(ctx context.Context, tx store.Tx) error { return tx.CreateKeyedSaga(ctx, inst, key) })
}

func byKey(t *testing.T, st store.Store, key string) (*saga.Instance, store.RequestKey, error) {
	t.Helper()
	var inst *saga.Instance
	var found store.RequestKey
	err := st.InTx(ctx, func(ctx context.Context, tx store.Tx) (err error) {
		inst, found, err = tx.SagaByIdempotencyKey(ctx, key)
		return err
	})
	return inst, found, err
}

// testSagaIdempotencyKey: a saga started with a key is found by it with its
// request hash; the key is refused to another saga, which is not stored;
// sagas without a key never conflict.
func testSagaIdempotencyKey(t *testing.T, st store.Store) {
	first := newInstance(t)
	require.NoError(t, createKeyed(st, first, store.RequestKey{Key: "k-1", RequestHash: "h1"}))
	got, key, err := byKey(t, st, "k-1")
	require.NoError(t, err)
	require.Equal(t, first.ID, got.ID)
	require.Equal(t, first.Type, got.Type)
	require.Equal(t, store.RequestKey{Key: "k-1", RequestHash: "h1"}, key)

	_, _, err = byKey(t, st, "k-2")
	require.ErrorIs(t, err, saga.ErrNotFound)
	_, _, err = byKey(t, st, "")
	require.ErrorIs(t, err, saga.ErrNotFound, "the empty key names no saga")

	other := newInstance(t)
	err = createKeyed(st, other, store.RequestKey{Key: "k-1", RequestHash: "h2"})
	require.ErrorIs(t, err, store.ErrIdempotencyKeyUsed)
	_, err = st.GetSaga(ctx, other.ID)
	require.ErrorIs(t, err, saga.ErrNotFound, "nothing stored for a taken key")

	err = createKeyed(st, first, store.RequestKey{Key: "k-3", RequestHash: "h1"})
	require.ErrorIs(t, err, saga.ErrDuplicate, "an id that exists")
	_, _, err = byKey(t, st, "k-3")
	require.ErrorIs(t, err, saga.ErrNotFound)

	require.NoError(t, createKeyed(st, newInstance(t), store.RequestKey{}))
	require.NoError(t, createKeyed(st, newInstance(t), store.RequestKey{}))
	create(t, st, newInstance(t))
	counts, err := st.CountSagasByState(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(4), counts[saga.StateRunning], "sagas without a key never conflict")
}
