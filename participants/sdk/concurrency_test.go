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
// saga ends with nothing reserved, and each command gets one answer (one
// reply id, sent again for its duplicate).
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
	requireOneAnswerEach(t, e.replies(), cmds)
}

// requireOneAnswerEach asserts that each command was answered once per
// delivery, every time with the same reply.
func requireOneAnswerEach(t *testing.T, replies, cmds []saga.Envelope) {
	t.Helper()
	require.Len(t, replies, 2*len(cmds))
	first := map[string]saga.Envelope{}
	for _, r := range replies {
		if f, ok := first[r.CausationID]; ok {
			require.Equal(t, []any{f.MessageID, f.Type, f.Error}, []any{r.MessageID, r.Type, r.Error}, "another answer to %s", r.CausationID)
			continue
		}
		first[r.CausationID] = r
		if r.Type == string(inventory.InventoryReservationFailed) {
			require.Contains(t, r.Error.Message, "refused")
		}
	}
	for _, c := range cmds {
		require.Contains(t, first, c.MessageID, "no reply to %s", c.MessageID)
	}
}
