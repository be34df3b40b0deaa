package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/admission"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/service"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// Engine runs the sagas of its definitions. Build it with New, add the
// application's hooks, streams and routes, then Start (or Run) it.
type Engine struct {
	cfg     Config
	log     *logrus.Entry
	reg     *saga.Registry
	store   driver.Store
	run     *runner.Runner
	metrics *metrics.Registry
	sagas   *metrics.Sagas
	// purged counts the sagas the retention deleted.
	purged prometheus.Counter
	http   *httpParts
	// subs are the application's streams, read in the engine's group.
	subs    []subscription
	started []service.Component
	// source is the relay's outbox source, closed with the engine.
	source outbox.Source
	// srv serves the HTTP API once started with an HTTPAddr.
	srv *httpx.Server
	// gate admits or refuses new sagas.
	gate *admission.Gate
}

// New validates cfg and builds the engine; nothing runs before Start. On
// error the caller still owns cfg's connections.
func New(cfg Config) (*Engine, error) {
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	reg, err := saga.NewRegistry(cfg.Definitions...)
	if err != nil {
		return nil, err
	}
	e := &Engine{cfg: cfg, log: logging.FromSlog(cfg.Logger), reg: reg}
	if e.metrics, err = metrics.New(); err != nil {
		return nil, err
	}
	if e.sagas, err = metrics.NewSagas(e.metrics); err != nil {
		return nil, err
	}
	e.sagas.Declare(reg.All()...)
	if e.purged, err = metrics.NewSagasPurged(e.metrics); err != nil {
		return nil, err
	}
	e.store = runner.TrackCommits(cfg.Driver.Store()) // sagas started in the application's transactions are counted once committed
	e.run, err = runner.New(runner.Config{Store: e.store, Registry: reg, Logger: e.log, Metrics: e.sagas, Now: cfg.Now})
	if err != nil {
		return nil, err
	}
	if e.gate, err = e.newGate(); err != nil {
		return nil, err
	}
	e.http = newHTTPParts(e)
	e.subscribeTriggers()
	return e, nil
}

// FinishFunc runs in the transaction in which sagas of one type reach a
// terminal state (COMPLETED, COMPENSATED or FAILED), once for all those a
// batch of replies or timers finished. Its error rolls the transaction
// back: the replies are delivered again.
type FinishFunc func(ctx context.Context, tx driver.Tx, sagas []*saga.Instance) error

// OnFinish sets the finish hook of a saga type. Call it before Start.
func (e *Engine) OnFinish(sagaType string, fn FinishFunc) {
	e.run.OnFinish(sagaType, runner.FinishFunc(fn))
}

// Admission decides whether a new saga may start: POST /sagas asks it,
// and an application route that starts sagas should too (httpx.Admit).
func (e *Engine) Admission() *admission.Gate { return e.gate }

// Registry is the engine's saga definitions.
func (e *Engine) Registry() *saga.Registry { return e.reg }

// Store is the engine's storage, wrapped so that sagas started in its
// transactions are counted in the metrics once committed.
func (e *Engine) Store() driver.Store { return e.store }

// Metrics is the engine's Prometheus registry (GET /metrics), for the
// application's own collectors.
func (e *Engine) Metrics() *metrics.Registry { return e.metrics }

// Logger is the logrus entry the engine's parts log to.
func (e *Engine) Logger() *logrus.Entry { return e.log }

// knownStreams are the logical streams whose dead letters the engine
// serves and counts: the participant streams of every registered saga
// version, the application's streams, the reply stream and the outbox.
func (e *Engine) knownStreams() []string {
	return stream.Known(append(e.reg.ParticipantStreams(), e.appStreams()...)...)
}

// appStreams are the application's streams the engine reads (Subscribe
// and the definitions' triggers).
func (e *Engine) appStreams() []string {
	names := make([]string, len(e.subs))
	for i, s := range e.subs {
		names[i] = s.stream
	}
	return names
}

// Start records the definitions (failing when one is stored under its
// version with other steps), takes up the parked sagas they now fit, then
// starts the outbox relay and courier, the consumers, the timers, the
// inbox pruner, the saga purger (unless SagaRetention is off) and the
// HTTP server.
func (e *Engine) Start(ctx context.Context) error {
	if err := e.run.RecordDefinitions(ctx); err != nil {
		return err
	}
	if _, err := e.run.UnparkKnown(ctx); err != nil {
		return fmt.Errorf("taking up parked sagas: %w", err)
	}
	parts, err := e.parts()
	if err != nil {
		return err
	}
	for i, c := range parts {
		if err := c.Start(ctx); err != nil {
			stopAll(context.Background(), parts[:i])
			return err
		}
	}
	e.started = parts
	return nil
}

// Stop stops every part in reverse order and closes the connections.
func (e *Engine) Stop(ctx context.Context) error {
	err := stopAll(ctx, e.started)
	e.started = nil
	e.Close()
	return err
}

// Close closes the database and Redis; Stop does it after stopping. Use
// it for an engine that was built but not started.
func (e *Engine) Close() {
	if e.source != nil {
		_ = e.source.Close()
	}
	_ = e.cfg.Redis.Close()
	e.cfg.Driver.Close()
}

// Run starts the engine and stops it gracefully when ctx ends.
func (e *Engine) Run(ctx context.Context) error {
	return service.Run(ctx, e.log, e)
}

func stopAll(ctx context.Context, cs []service.Component) error {
	var errs []error
	for i := len(cs) - 1; i >= 0; i-- {
		errs = append(errs, cs[i].Stop(ctx))
	}
	return errors.Join(errs...)
}
