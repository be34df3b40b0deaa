package loadgen

import (
	"context"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// Bounds of the fallback poller: sagas looked up per pass, and at once.
// They keep its load on the orchestrator small when many sagas are slow
// rather than lost (a poll of a saga still running changes nothing).
const (
	pollBatch       = 32
	pollParallelism = 4
)

// sagaGetter reads a saga's state; services implements it.
type sagaGetter interface {
	saga(ctx context.Context, id string) (sagaView, error)
}

// poller looks up, with GET /sagas/{id}, the sagas whose event was not seen
// within a timeout, and finishes those that ended.
type poller struct {
	sagas   sagaGetter
	tracker *tracker
	after   time.Duration
	every   time.Duration
}

func (p *poller) run(ctx context.Context) {
	tick := time.NewTicker(p.every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			p.pass(ctx, now)
		}
	}
}

// pass polls one batch of overdue sagas. A saga that has not ended, or a
// failed lookup, is left for a later pass.
func (p *poller) pass(ctx context.Context, now time.Time) {
	ids := p.tracker.overdue(now, p.after, pollBatch)
	jobs := make([]func(context.Context) error, len(ids))
	for i, id := range ids {
		jobs[i] = func(ctx context.Context) error { return p.poll(ctx, id) }
	}
	_ = runAll(ctx, pollParallelism, jobs)
}

func (p *poller) poll(ctx context.Context, id string) error {
	v, err := p.sagas.saga(ctx, id)
	if err != nil {
		return err
	}
	if r, ok := resultOf(v.State); ok && v.CompletedAt != nil {
		p.tracker.resolve(resolution{sagaID: id, result: r, completedAt: *v.CompletedAt, viaFallback: true})
	}
	return nil
}

// resultOf maps a terminal saga state to its result.
func resultOf(state string) (Result, bool) {
	switch saga.State(state) {
	case saga.StateCompleted:
		return Approved, true
	case saga.StateCompensated:
		return Rejected, true
	case saga.StateFailed:
		return Failed, true
	}
	return "", false
}
