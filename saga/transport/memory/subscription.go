package memory

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// Subscription reads one stream of a Transport as a member of a group.
type Subscription struct {
	t         *Transport
	cfg       transport.SubscriptionConfig
	h         transport.BatchHandler
	batchSize int

	mu      sync.Mutex
	started bool
	cancel  context.CancelFunc
	done    chan struct{}
}

// Subscribe returns a Subscription of cfg.Stream for cfg.Group that hands
// messages to h once started. cfg.Linger is ignored: messages are handed
// over as they come.
func (t *Transport) Subscribe(cfg transport.SubscriptionConfig, h transport.BatchHandler) (transport.Subscription, error) {
	cfg, err := cfg.WithDefaults()
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("subscribing: nil handler")
	}
	size := cfg.BatchSize
	if size == 0 {
		size = t.cfg.BatchSize
	}
	return &Subscription{t: t, cfg: cfg, h: h, batchSize: size}, nil
}

// Start creates the group if needed and starts handing messages over.
func (s *Subscription) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started {
		return fmt.Errorf("starting subscription of %s/%s: already started", s.cfg.Stream, s.cfg.Group)
	}
	s.t.ensureGroup(s.cfg.Stream, s.cfg.Group)
	runCtx, cancel := context.WithCancel(ctx)
	s.started, s.cancel, s.done = true, cancel, make(chan struct{})
	go s.run(runCtx)
	return nil
}

// Stop stops handing messages over and waits for the handler call in
// flight, at most until ctx is done; the messages of a call still running
// then are released to the group.
func (s *Subscription) Stop(ctx context.Context) error {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.mu.Unlock()
	if cancel == nil {
		return nil
	}
	cancel()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		s.t.abandon(s)
		return fmt.Errorf("stopping subscription of %s/%s: %w", s.cfg.Stream, s.cfg.Group, ctx.Err())
	}
}

// run claims, handles and settles batches until ctx is done.
func (s *Subscription) run(ctx context.Context) {
	defer close(s.done)
	hctx := context.WithoutCancel(ctx)
	for ctx.Err() == nil {
		batch, wait, wake := s.t.claim(s)
		if len(batch) == 0 {
			idle(ctx, wait, wake)
			continue
		}
		s.t.settle(s, batch, transport.Call(hctx, s.h, batch))
	}
}

// idle waits until wake is closed, ctx is done or, when wait is not zero,
// wait has passed.
func idle(ctx context.Context, wait time.Duration, wake <-chan struct{}) {
	var timer <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timer = t.C
	}
	select {
	case <-ctx.Done():
	case <-wake:
	case <-timer:
	}
}
