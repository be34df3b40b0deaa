package outbox

import (
	"context"
	"time"
)

// minBackoff is the first pause after a failure.
const minBackoff = 100 * time.Millisecond

// run is the relay's loop: drain, wait, and on a failure pause before the
// next try.
func (r *Relay) run(ctx context.Context, done chan<- struct{}) {
	defer close(done)
	failures := 0
	for ctx.Err() == nil {
		err := r.drain(ctx)
		if err == nil {
			err = r.wait(ctx)
		}
		if err == nil || ctx.Err() != nil {
			failures = 0
			continue
		}
		failures++
		r.pause(ctx, err, failures)
	}
}

// drain runs passes while they publish full batches.
func (r *Relay) drain(ctx context.Context) error {
	for ctx.Err() == nil {
		n, err := r.pass(ctx)
		if err != nil || n < r.cfg.BatchSize {
			return err
		}
	}
	return nil
}

// pass publishes one batch within PassTimeout.
func (r *Relay) pass(ctx context.Context) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.PassTimeout)
	defer cancel()
	return r.src.Relay(ctx, r.cfg.BatchSize, r.pub.Publish)
}

// wait waits for a notification or the poll interval.
func (r *Relay) wait(ctx context.Context) error {
	err := r.src.Wait(ctx, r.cfg.PollInterval)
	if err != nil {
		return &waitError{err: err}
	}
	return nil
}

// waitError marks a failure to wait: the store may still be fine, so the
// pause after it is at most a poll interval.
type waitError struct{ err error }

func (e *waitError) Error() string { return e.err.Error() }
func (e *waitError) Unwrap() error { return e.err }

// pause logs err and sleeps for the backoff of the nth failure in a row,
// or until ctx is done.
func (r *Relay) pause(ctx context.Context, err error, n int) {
	d := r.retryDelay(err, n)
	r.logFailure(err, n, d)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// retryDelay is the pause after the nth failure in a row, err. A failed
// wait needs no longer pause than a poll interval.
func (r *Relay) retryDelay(err error, n int) time.Duration {
	d := r.backoff(n)
	if _, ok := err.(*waitError); ok {
		d = min(d, r.cfg.PollInterval)
	}
	return d
}

// backoff doubles from minBackoff up to MaxBackoff.
func (r *Relay) backoff(n int) time.Duration { return growingPause(n, r.cfg.MaxBackoff) }

// growingPause is the pause after the nth failure in a row: it doubles
// from minBackoff up to limit.
func growingPause(n int, limit time.Duration) time.Duration {
	d := min(minBackoff, limit)
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

// logFailure writes the one line a failure gets.
func (r *Relay) logFailure(err error, n int, retry time.Duration) {
	what := "outbox relay pass failed"
	if _, ok := err.(*waitError); ok {
		what = "outbox relay could not wait for notifications"
	}
	r.cfg.Logger.WithError(err).WithField("failures", n).
		Errorf("%s; retrying in %s", what, retry)
}
