package loadgen

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fakeOrchestrator accepts orders and ends each saga after a delay, as its
// event would; every failEvery-th POST is answered 503 and with
// eventFirst the event beats the POST's answer.
type fakeOrchestrator struct {
	tracker    *tracker
	delay      time.Duration
	failEvery  int64
	eventFirst bool
	never      bool
	calls      atomic.Int64
	maxPending atomic.Int64
}

func (f *fakeOrchestrator) place(_ context.Context, _ placeRequest) (placed, int, error) {
	n := f.calls.Add(1)
	raiseTo(&f.maxPending, int64(f.tracker.inFlight()))
	if f.failEvery > 0 && n%f.failEvery == 0 {
		return placed{}, 503, fmt.Errorf("POST /orders: %w", &statusError{503, "busy"})
	}
	id := fmt.Sprintf("saga-%d", n)
	end := func() { f.tracker.resolve(resolution{sagaID: id, result: Approved, completedAt: time.Now()}) }
	switch {
	case f.never:
	case f.eventFirst:
		end()
	default:
		time.AfterFunc(f.delay, end)
	}
	return placed{OrderID: "o" + id, SagaID: id}, 202, nil
}

func newFakeRun(f *fakeOrchestrator, timeout time.Duration) (*placer, *stats) {
	st := newStats(time.Now(), DefaultSamples)
	f.tracker = newTracker(st.finished)
	return &placer{place: f.place, plan: plan{runID: "lg-t", skus: 2, customers: 2}, stats: st,
		tracker: f.tracker, con: newConsole(io.Discard), timeout: timeout}, st
}

func TestClosedLoopClientsWaitForTheirSagas(t *testing.T) {
	f := &fakeOrchestrator{delay: 5 * time.Millisecond, failEvery: 10}
	p, st := newFakeRun(f, time.Minute)
	counts := closedLoop(t.Context(), 4, limits{count: 50}, p.sendClosed)
	require.Equal(t, int64(50), sum(counts))
	require.Less(t, f.maxPending.Load(), int64(4), "a client sends its next order only after its last one ended")
	r := st.report()
	require.Equal(t, int64(50), r.Sent)
	require.Equal(t, int64(45), r.Accepted)
	require.Equal(t, map[string]int64{"503": 5}, r.HTTPErrors)
	require.Equal(t, int64(45), r.Completed)
	require.Equal(t, int64(45), r.Approved)
	require.Zero(t, r.Unfinished)
	require.Equal(t, int64(45), r.EndToEnd.Count)
	require.GreaterOrEqual(t, r.EndToEnd.P50, 5.0)
	require.Zero(t, f.tracker.inFlight())
}

func TestEventBeforeThePOSTAnswerStillCounts(t *testing.T) {
	f := &fakeOrchestrator{eventFirst: true}
	p, st := newFakeRun(f, time.Minute)
	closedLoop(t.Context(), 2, limits{count: 20}, p.sendClosed)
	r := st.report()
	require.Equal(t, int64(20), r.Completed)
	require.Zero(t, r.Unfinished)
}

func TestClosedLoopGivesUpOnAnOrderAfterTheTimeout(t *testing.T) {
	f := &fakeOrchestrator{never: true}
	p, st := newFakeRun(f, 50*time.Millisecond)
	start := time.Now()
	closedLoop(t.Context(), 2, limits{count: 4}, p.sendClosed)
	require.Less(t, time.Since(start), time.Second)
	r := st.report()
	require.Equal(t, int64(4), r.Accepted)
	require.Equal(t, int64(4), r.Unfinished)
	require.Equal(t, 4, f.tracker.inFlight())
}

func TestOpenLoopDoesNotWaitForSagas(t *testing.T) {
	f := &fakeOrchestrator{delay: 200 * time.Millisecond}
	p, st := newFakeRun(f, time.Minute)
	start := time.Now()
	openLoop(t.Context(), pacer{rate: 1000, start: start}, limits{count: 20}, 64, p.sendOpen)
	require.Less(t, time.Since(start), 150*time.Millisecond)
	require.Equal(t, 20, f.tracker.inFlight())
	drain(t.Context(), f.tracker, 5*time.Second)
	require.Equal(t, int64(20), st.report().Completed)
}

func TestCancelledPOSTsAreNotErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	f := &fakeOrchestrator{}
	p, st := newFakeRun(f, time.Minute)
	p.place = func(ctx context.Context, _ placeRequest) (placed, int, error) {
		return placed{}, 0, fmt.Errorf("POST /orders: %w", ctx.Err())
	}
	require.Nil(t, p.placeOne(ctx, 0))
	r := st.report()
	require.Equal(t, int64(1), r.Cancelled)
	require.Empty(t, r.HTTPErrors)
	require.Zero(t, st.totalErrors.Load())
}
