package admission

import (
	"context"
	"errors"
	"time"
)

// idleFactor: while the longest wait is under a quarter of MaxWait, the
// gate reads the backlogs every idleFactor intervals instead of every one,
// so that an idle installation pays little for it.
const idleFactor = 4

// probeTimeout bounds one read of the backlogs.
const probeTimeout = 2 * time.Second

// runState is the probing goroutine of a started gate.
type runState struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// Start probes the backlogs until Stop: every Interval while the wait
// nears MaxWait, every four intervals while it is far below. A gate that
// is off starts nothing.
func (g *Gate) Start(ctx context.Context) error {
	if !g.Enabled() || g.run.done != nil {
		return nil
	}
	ctx, g.run.cancel = context.WithCancel(context.WithoutCancel(ctx))
	g.run.done = make(chan struct{})
	go g.loop(ctx, g.run.done)
	return nil
}

func (g *Gate) loop(ctx context.Context, done chan<- struct{}) {
	defer close(done)
	t := time.NewTimer(g.cfg.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		pctx, cancel := context.WithTimeout(ctx, probeTimeout)
		_ = g.Probe(pctx) // it logs its own failures
		cancel()
		t.Reset(g.nextProbe())
	}
}

// nextProbe is how long until the next probe.
func (g *Gate) nextProbe() time.Duration {
	if g.Wait() < g.cfg.MaxWait/4 {
		return idleFactor * g.cfg.Interval
	}
	return g.cfg.Interval
}

// Stop ends the probing, waiting for a probe in flight until ctx is done.
func (g *Gate) Stop(ctx context.Context) error {
	if g.run.done == nil {
		return nil
	}
	g.run.cancel()
	select {
	case <-g.run.done:
	case <-ctx.Done():
		return errors.Join(errors.New("stopping the admission's probes"), ctx.Err())
	}
	g.run.done = nil
	return nil
}
