package runner

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

func heldSagas(n int, state saga.State) []*saga.Instance {
	out := make([]*saga.Instance, n)
	for i := range out {
		out[i] = &saga.Instance{ID: fmt.Sprint("s", i), State: state, Version: 1,
			Steps: []saga.StepRecord{{Name: "a", State: saga.StepRunning}}}
	}
	return out
}

func TestHeldTakesAllOrNone(t *testing.T) {
	now := time.Now()
	h := newHeld(10)
	h.keep(heldSagas(2, saga.StateRunning), now)
	_, ok := h.take([]string{"s0", "other"}, now)
	require.False(t, ok)
	require.Equal(t, 2, h.size(), "a take that fails takes nothing")
	got, ok := h.take([]string{"s0", "s1"}, now)
	require.True(t, ok)
	require.Len(t, got, 2)
	require.Zero(t, h.size(), "taken sagas are held no longer")
	_, ok = h.take([]string{"s0"}, now)
	require.False(t, ok)
}

func TestHeldKeepsACopyOfRunningSagasOnly(t *testing.T) {
	now := time.Now()
	h := newHeld(10)
	running := heldSagas(1, saga.StateRunning)
	h.keep(running, now)
	running[0].Steps[0].State = saga.StepSucceeded // the caller's instance, changed after
	got, ok := h.take([]string{"s0"}, now)
	require.True(t, ok)
	require.Equal(t, saga.StepRunning, got["s0"].Steps[0].State)

	h.keep(heldSagas(1, saga.StateRunning), now)
	h.keep(heldSagas(1, saga.StateCompleted), now)
	require.Zero(t, h.size(), "a finished saga is let go")
	parked := heldSagas(1, saga.StateRunning)
	parked[0].Parked = "unknown definition"
	h.keep(parked, now)
	require.Zero(t, h.size())
}

func TestHeldIsBoundedAndLetsGoOfOldSagas(t *testing.T) {
	now := time.Now()
	h := newHeld(4)
	h.keep(heldSagas(6, saga.StateRunning), now)
	require.Equal(t, 4, h.size())
	later := now.Add(heldFor + time.Second)
	fresh := heldSagas(1, saga.StateRunning)
	fresh[0].ID = "fresh"
	h.keep(fresh, later)
	require.Equal(t, 1, h.size(), "sagas held past heldFor make room")
	_, ok := h.take([]string{"fresh"}, later)
	require.True(t, ok)
}

func TestHeldPausesWhenTakesFail(t *testing.T) {
	now := time.Now()
	h := newHeld(1000)
	// A window in which most takes commit: holding goes on.
	for i := range heldWindow {
		h.keep(heldSagas(1, saga.StateRunning), now)
		_, ok := h.take([]string{"s0"}, now)
		require.True(t, ok)
		if i%8 != 0 {
			h.hit()
		}
	}
	h.keep(heldSagas(1, saga.StateRunning), now)
	require.Equal(t, 1, h.size())
	// A window in which half of them fail: nothing is held for heldPause.
	for i := range heldWindow {
		h.keep(heldSagas(1, saga.StateRunning), now)
		_, ok := h.take([]string{"s0"}, now)
		require.True(t, ok)
		if i%2 == 0 {
			h.hit()
		}
	}
	h.keep(heldSagas(3, saga.StateRunning), now)
	require.Zero(t, h.size(), "paused")
	_, ok := h.take([]string{"s0"}, now)
	require.False(t, ok)
	after := now.Add(heldPause + time.Second)
	h.keep(heldSagas(3, saga.StateRunning), after)
	require.Equal(t, 3, h.size(), "held again after the pause")
}

// size is the number of sagas held.
func (h *held) size() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.sagas)
}
