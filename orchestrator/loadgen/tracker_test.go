package loadgen

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// recorder collects what a tracker finished.
type recorder struct{ done []resolution }

func (r *recorder) onDone(_ *order, res resolution) { r.done = append(r.done, res) }

func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func TestTrackerMatchesEventsBySagaID(t *testing.T) {
	rec := &recorder{}
	tr := newTracker(rec.onDone)
	a, b := tr.add(newOrder("a", t0, true)), tr.add(newOrder("b", t0, true))
	require.Equal(t, 2, tr.inFlight())
	tr.resolve(resolution{sagaID: "b", result: Rejected})
	require.False(t, closed(a))
	require.True(t, closed(b))
	require.Equal(t, []resolution{{sagaID: "b", result: Rejected}}, rec.done)
	require.Equal(t, 1, tr.inFlight())
}

func TestTrackerKeepsAnEventThatBeatsItsOrder(t *testing.T) {
	rec := &recorder{}
	tr := newTracker(rec.onDone)
	tr.resolve(resolution{sagaID: "a", result: Approved})
	require.Empty(t, rec.done)
	require.True(t, closed(tr.add(newOrder("a", t0, true))))
	require.Len(t, rec.done, 1)
	require.Zero(t, tr.inFlight())
	require.Empty(t, tr.early)
}

func TestTrackerFinishesAnOrderOnce(t *testing.T) {
	rec := &recorder{}
	tr := newTracker(rec.onDone)
	tr.add(newOrder("a", t0, true))
	tr.resolve(resolution{sagaID: "a", result: Approved, viaFallback: true})
	tr.resolve(resolution{sagaID: "a", result: Approved})
	require.Len(t, rec.done, 1)
	require.True(t, rec.done[0].viaFallback)
	tr.resolve(resolution{sagaID: "x", viaFallback: true})
	require.NotContains(t, tr.early, "x", "a poll answer is never kept for later")
}

func TestTrackerBoundsEarlyEvents(t *testing.T) {
	tr := newTracker(func(*order, resolution) {})
	for i := range maxEarly + 10 {
		tr.resolve(resolution{sagaID: strconv.Itoa(i)})
	}
	require.Equal(t, maxEarly, len(tr.early))
}

func TestTrackerOverdue(t *testing.T) {
	tr := newTracker(func(*order, resolution) {})
	tr.add(newOrder("old", t0, true))
	tr.add(newOrder("older", t0.Add(-time.Second), true))
	tr.add(newOrder("new", t0.Add(9*time.Second), true))
	now := t0.Add(10*time.Second + time.Millisecond)
	require.ElementsMatch(t, []string{"old", "older"}, tr.overdue(now, 10*time.Second, 10))
	require.Empty(t, tr.overdue(now.Add(time.Second), 10*time.Second, 10), "polled a moment ago")
	require.Len(t, tr.overdue(now.Add(11*time.Second), 10*time.Second, 1), 1, "at most limit")
}
