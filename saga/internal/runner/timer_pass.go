package runner

import (
	"context"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// TimerPass is one pass of a periodic timer: it fires the due sagas as
// FireAllDue does, but only when a deadline this runner wrote is due or
// the last look began Config.FullLookInterval ago or more (by Config.Now,
// the clock deadlines are written and compared with). Otherwise it
// asks the database nothing. The full looks find the deadlines of other
// processes, and those of orchestrators that died, at most that interval
// and a pass late. Passes must not overlap; FireDue and FireAllDue may run beside
// them and always ask the database.
func (r *Runner) TimerPass(ctx context.Context, batch int) error {
	now := r.now()
	if !r.hints.due(now, r.cfg.FullLookInterval) {
		return nil
	}
	look := r.hints.begin(now)
	if err := r.FireAllDue(ctx, batch); err != nil {
		return err
	}
	r.hints.settle(look, now)
	return nil
}

// noteDeadlines gives the timer the next deadlines of insts, as saved in
// the transaction of ctx, once it commits.
func (r *Runner) noteDeadlines(ctx context.Context, insts []*saga.Instance) {
	if len(insts) == 0 {
		return
	}
	type saved struct {
		id      string
		at      *time.Time
		version int64
	}
	notes := make([]saved, len(insts))
	for i, inst := range insts {
		notes[i] = saved{id: inst.ID, version: inst.Version}
		if d := inst.NextDeadline(); d != nil {
			at := ceilMicros(*d)
			notes[i].at = &at
		}
	}
	afterCommit(ctx, func() {
		for _, n := range notes {
			r.hints.note(n.id, n.at, n.version)
		}
	})
}

// noteDue gives the timer insts, made due at at in the transaction of
// ctx, once it commits.
func (r *Runner) noteDue(ctx context.Context, insts []*saga.Instance, at time.Time) {
	afterCommit(ctx, func() {
		for _, inst := range insts {
			r.hints.note(inst.ID, &at, inst.Version)
		}
	})
}

// ceilMicros is t rounded up to the microsecond: never before the deadline
// a database stores for t, which keeps microseconds (rounded or cut).
func ceilMicros(t time.Time) time.Time {
	if c := t.Truncate(time.Microsecond); c.Before(t) {
		return c.Add(time.Microsecond)
	}
	return t
}
