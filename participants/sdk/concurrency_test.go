package sdk_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/saga"
)

// TestRacingActionAndCompensation delivers, for several sagas, the action
// and its compensation at the same time, each twice: whichever wins, every
// saga ends with nothing reserved, and each message is answered once.
func TestRacingActionAndCompensation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const sagas = 8
	var cmds []saga.Envelope
	for range sagas {
		id := saga.NewID()
		cmds = append(cmds, reserveCmd(id, item("A", 1), item("B", 1)), releaseCmd(id))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(cmds))
	for _, c := range append(cmds, cmds...) {
		wg.Go(func() { errs <- e.deliver(c) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	inventorytest.RequireStock(t, e.store, "B", 5, 0)
	requireOneReplyEach(t, e.replies(), cmds)
}

func requireOneReplyEach(t *testing.T, replies, cmds []saga.Envelope) {
	t.Helper()
	require.Len(t, replies, len(cmds))
	seen := map[string]bool{}
	for _, r := range replies {
		require.False(t, seen[r.CausationID], "two replies to %s", r.CausationID)
		seen[r.CausationID] = true
		if r.Type == string(inventory.InventoryReservationFailed) {
			require.Contains(t, r.Error.Message, "refused")
		}
	}
	for _, c := range cmds {
		require.True(t, seen[c.MessageID], "no reply to %s", c.MessageID)
	}
}
