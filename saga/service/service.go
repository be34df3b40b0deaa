package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sirupsen/logrus"
)

// Component is anything with the Start/Stop lifecycle: Start starts
// goroutines and returns; Stop waits for them, honouring ctx's deadline.
type Component interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
}

// ShutdownTimeout bounds a graceful stop.
const ShutdownTimeout = 8 * time.Second

// Run starts the components in order, blocks until ctx is done, then stops
// them in reverse order. If a component fails to start, the ones already
// started are stopped and the error is returned.
func Run(ctx context.Context, log *logrus.Entry, components ...Component) error {
	started := make([]Component, 0, len(components))
	for _, c := range components {
		if err := c.Start(ctx); err != nil {
			stopAll(log, started)
			return fmt.Errorf("starting: %w", err)
		}
		started = append(started, c)
	}
	log.Info("started")
	<-ctx.Done()
	log.Info("shutting down")
	return stopAll(log, started)
}

func stopAll(log *logrus.Entry, cs []Component) error {
	ctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	var errs []error
	for i := len(cs) - 1; i >= 0; i-- {
		if err := cs[i].Stop(ctx); err != nil {
			log.WithError(err).Warn("stopping component")
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// WaitFor calls try until it succeeds, ctx ends or timeout passes, logging
// one visible line per failed attempt. The error it returns names what could
// not be reached.
func WaitFor(ctx context.Context, log *logrus.Entry, what string, timeout time.Duration, try func(ctx context.Context) error) error {
	deadline := time.Now().Add(timeout)
	for {
		attemptCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := try(attemptCtx)
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("cannot reach %s: %s", what, OneLine(err))
		}
		log.WithField("error", OneLine(err)).Warnf("waiting for %s", what)
		select {
		case <-ctx.Done():
			return fmt.Errorf("cannot reach %s: %w", what, ctx.Err())
		case <-time.After(2 * time.Second):
		}
	}
}

// OneLine renders an error on a single line: drivers put the details of
// every address they tried on lines of their own.
func OneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
