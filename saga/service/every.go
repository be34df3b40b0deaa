package service

import (
	"context"
	"sync"
	"time"

	"github.com/sirupsen/logrus"
)

// Every is a Component that calls fn every interval until stopped. A pass
// gets a timeout of its own; an error is logged and the next pass runs on
// schedule. Passes never overlap.
type Every struct {
	Name     string
	Interval time.Duration
	// PassTimeout bounds one pass. Optional: default 30s.
	PassTimeout time.Duration
	// Next, when set, says after each pass how long until the next one
	// (a positive duration); Interval is then the wait before the first.
	Next func() time.Duration
	Fn   func(ctx context.Context) error
	Log  *logrus.Entry

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Start runs the loop in the background.
func (e *Every) Start(ctx context.Context) error {
	ctx, e.cancel = context.WithCancel(context.WithoutCancel(ctx))
	e.wg.Add(1)
	go e.loop(ctx)
	return nil
}

func (e *Every) loop(ctx context.Context) {
	defer e.wg.Done()
	t := time.NewTicker(e.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			e.pass(ctx)
			if e.Next != nil {
				t.Reset(e.Next())
			}
		}
	}
}

func (e *Every) pass(ctx context.Context) {
	timeout := e.PassTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := e.Fn(ctx); err != nil && ctx.Err() == nil {
		e.Log.WithField("error", OneLine(err)).Warnf("%s failed; next pass in %s", e.Name, e.Interval)
	}
}

// Stop ends the loop and waits for a pass in progress, until ctx is done.
func (e *Every) Stop(ctx context.Context) error {
	if e.cancel == nil {
		return nil
	}
	e.cancel()
	done := make(chan struct{})
	go func() { e.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
