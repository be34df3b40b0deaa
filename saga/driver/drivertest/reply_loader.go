package drivertest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// testReplyLoader: a Tx that is a driver.ReplyLoader answers as
// MarkProcessedMany and LoadSagas would; one that is not is skipped.
func testReplyLoader(t *testing.T, st driver.Store) {
	a := newInstance(t)
	create(t, st, a)
	seen, fresh, unknown := saga.NewID(), saga.NewID(), saga.NewID()
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		_, err := tx.MarkProcessedMany(ctx, "runner", []string{seen})
		return err
	}))
	var first map[string]bool
	var sagas map[string]*saga.Instance
	loader := false
	err := st.InTx(ctx, func(ctx context.Context, tx driver.Tx) (err error) {
		rl, ok := tx.(driver.ReplyLoader)
		if !ok {
			return nil
		}
		loader = true
		first, sagas, err = rl.MarkProcessedAndLoadSagas(ctx, "runner",
			[]string{seen, fresh, fresh}, []string{a.ID, unknown})
		return err
	})
	require.NoError(t, err)
	if !loader {
		t.Skip("the driver's transactions are not a driver.ReplyLoader")
	}
	require.Equal(t, map[string]bool{fresh: true}, first)
	require.Len(t, sagas, 1)
	require.Equal(t, a.ID, sagas[a.ID].ID)
	require.Equal(t, a.Steps, sagas[a.ID].Steps)
	require.Equal(t, a.Version, sagas[a.ID].Version)
}
