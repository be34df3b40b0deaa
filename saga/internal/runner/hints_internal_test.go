package runner

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)

func at(d time.Duration) *time.Time {
	t := t0.Add(d)
	return &t
}

func TestHintsLookOnlyWhenDueOrAfterTheFullLookInterval(t *testing.T) {
	h := newHints(10)
	require.True(t, h.due(t0, time.Second), "the first pass looks")
	h.settle(h.begin(t0), t0)
	for _, d := range []time.Duration{250, 500, 750, 999} {
		require.False(t, h.due(t0.Add(d*time.Millisecond), time.Second), "idle at +%dms", d)
	}
	require.True(t, h.due(t0.Add(time.Second), time.Second), "a full look a second later")
	require.True(t, h.due(t0.Add(-time.Millisecond), time.Second), "a clock that went back looks")

	h.note("a", at(300*time.Millisecond), 1)
	require.False(t, h.due(t0.Add(299*time.Millisecond), time.Second))
	require.True(t, h.due(t0.Add(300*time.Millisecond), time.Second), "a hint is due at its deadline")
}

func TestSettleKeepsFutureHintsAndThoseTakenDuringTheLook(t *testing.T) {
	h := newHints(10)
	h.note("due", at(100*time.Millisecond), 1)
	h.note("later", at(5*time.Second), 1)
	look := h.begin(t0.Add(200 * time.Millisecond))
	// Committed while the look runs: its row may be one the look missed.
	h.note("during", at(150*time.Millisecond), 1)
	h.settle(look, t0.Add(200*time.Millisecond))

	require.NotContains(t, h.notes, "due", "the look took it")
	require.Contains(t, h.notes, "later", "not due yet: kept for its deadline")
	require.Contains(t, h.notes, "during", "taken during the look: kept")
	require.True(t, h.due(t0.Add(250*time.Millisecond), time.Second), "the next pass looks again for it")

	h.settle(h.begin(t0.Add(250*time.Millisecond)), t0.Add(250*time.Millisecond))
	require.NotContains(t, h.notes, "during")
	require.False(t, h.due(t0.Add(500*time.Millisecond), time.Second))
	require.True(t, h.due(t0.Add(5*time.Second), time.Second))
}

func TestFailedLookSettlesNothing(t *testing.T) {
	h := newHints(10)
	h.note("a", at(0), 1)
	h.begin(t0) // the look fails: no settle
	require.True(t, h.due(t0.Add(250*time.Millisecond), time.Second))
}

func TestAHintFollowsItsSagasLatestVersion(t *testing.T) {
	h := newHints(10)
	h.note("a", at(100*time.Millisecond), 1)
	h.note("a", at(10*time.Second), 2)
	h.note("a", at(200*time.Millisecond), 1) // an older save heard late
	h.settle(h.begin(t0), t0)
	require.False(t, h.due(t0.Add(500*time.Millisecond), time.Second), "the replaced deadline is forgotten")

	h.note("a", nil, 3) // finished: no deadline
	require.Empty(t, h.notes)
	require.True(t, h.due(t0.Add(time.Second), time.Second))
	h.settle(h.begin(t0.Add(time.Second)), t0.Add(time.Second))
	require.False(t, h.due(t0.Add(1500*time.Millisecond), time.Second), "nothing left to look for")
}

func TestHintsOverTheirLimitLookOnEveryPassUntilSettled(t *testing.T) {
	h := newHints(2)
	h.settle(h.begin(t0), t0)
	h.note("a", at(time.Second), 1)
	h.note("b", at(time.Second), 1)
	h.note("c", at(300*time.Millisecond), 1) // not remembered
	require.Len(t, h.notes, 2)
	require.True(t, h.due(t0.Add(100*time.Millisecond), time.Second), "blind: every pass looks")

	h.settle(h.begin(t0.Add(100*time.Millisecond)), t0.Add(100*time.Millisecond))
	require.True(t, h.due(t0.Add(200*time.Millisecond), time.Second), "not yet past the forgotten deadline")
	h.settle(h.begin(t0.Add(300*time.Millisecond)), t0.Add(300*time.Millisecond))
	require.False(t, h.due(t0.Add(500*time.Millisecond), time.Second), "settled once a look began past it")
}

func TestQueueStaysNearTheNumberOfSagas(t *testing.T) {
	h := newHints(10)
	for v := range int64(1000) {
		h.note("a", at(time.Duration(v)*time.Millisecond), v)
	}
	require.Len(t, h.notes, 1)
	require.LessOrEqual(t, len(h.queue), 2+64)
	h.settle(h.begin(t0.Add(time.Hour)), t0.Add(time.Hour))
	require.Empty(t, h.notes)
}
