package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/api"
	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderpg"
	"github.com/streamsaga/streamsaga/orchestrator/runner"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/service"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// DefaultAddr is the orchestrator's default HTTP address.
const DefaultAddr = "127.0.0.1:8080"

// Group is the orchestrator's consumer group on its streams.
const Group = "orchestrator"

// Backends are what the orchestrator runs on: its database, the engine's
// store and the order store over that database, and Redis. App owns them
// once given and closes them.
type Backends struct {
	DB     backend.DB
	Store  driver.Store
	Orders orderstore.Store
	Redis  redis.UniversalClient
}

// App is a running orchestrator.
type App struct {
	db         backend.DB
	rdb        redis.UniversalClient
	source     outbox.Source
	server     *httpx.Server
	components []service.Component
	log        *logrus.Entry
	run        *runner.Runner
	// claimMinIdle is how long an unacknowledged entry waits before another
	// consumer takes it over.
	claimMinIdle time.Duration
}

// New connects to PostgreSQL and Redis (waiting up to cfg.StartupTimeout)
// and builds every component, with defs registered next to the order saga;
// Start runs them.
func New(ctx context.Context, cfg config.Config, log *logrus.Entry, defs ...*saga.Definition) (*App, error) {
	b, err := service.Connect(ctx, cfg, pgdriver.Schema, "sagas", 32, log)
	if err != nil {
		return nil, err
	}
	db := backend.Postgres(b.Pool, pgdriver.Schema)
	return Build(cfg, Backends{DB: db, Store: pgdriver.FromDB(db.Postgres), Orders: orderpg.New(b.Pool), Redis: b.Redis},
		log, defs...)
}

// Build builds every component over b; Start runs them. defs are saga
// definitions registered next to the order saga. The app closes b's
// connections when it stops or when Build fails.
func Build(cfg config.Config, b Backends, log *logrus.Entry, defs ...*saga.Definition) (*App, error) {
	a := &App{db: b.DB, rdb: b.Redis, log: log, claimMinIdle: cfg.ClaimMinIdle}
	if err := b.DB.Validate(); err != nil || b.Store == nil || b.Orders == nil || b.Redis == nil {
		a.close()
		return nil, errors.Join(err, errors.New("app: backends need a database, a store, an order store and Redis"))
	}
	if err := a.build(cfg, b, defs); err != nil {
		a.close()
		return nil, err
	}
	return a, nil
}

func (a *App) build(cfg config.Config, b Backends, defs []*saga.Definition) error {
	reg, err := saga.NewRegistry(append([]*saga.Definition{ordersaga.Definition()}, defs...)...)
	if err != nil {
		return err
	}
	keys := stream.Keys{Prefix: cfg.StreamPrefix}
	a.source = a.db.Source()
	m, sagas, err := a.newMetrics(keys, knownStreams(reg))
	if err != nil {
		return err
	}
	st := runner.TrackCommits(b.Store) // sagas started by orders.events are counted once committed
	sagas.Declare(reg.All()...)
	run, err := runner.New(runner.Config{Store: st, Registry: reg, Logger: a.log, Metrics: sagas})
	if err != nil {
		return err
	}
	a.run = run
	events := orders.NewEvents(st, b.Orders, run)
	pub := stream.NewPublisher(a.rdb, keys, stream.PublisherConfig{Logger: a.log})
	relay, err := outbox.NewRelay(a.source, pub, outbox.RelayConfig{Logger: a.log})
	if err != nil {
		return err
	}
	courier, err := a.db.Courier(pub, a.log)
	if err != nil {
		return err
	}
	if err := metrics.Register(m, courier.Collectors()...); err != nil {
		return err
	}
	evc, err := a.consumer(cfg.StreamPrefix, ordersaga.EventsStream, events.HandleBatch)
	if err != nil {
		return err
	}
	rpc, err := a.consumer(cfg.StreamPrefix, stream.OrchestratorReply, run.HandleReplies)
	if err != nil {
		return err
	}
	svc := orders.NewService(st, b.Orders)
	dead := redisstream.New(a.rdb, redisstream.Config{Prefix: cfg.StreamPrefix, Logger: a.log})
	handler := api.New(st, svc, a.log, a.checks()...).
		WithDLQ(api.DLQ{DeadLetters: dead, Registry: reg, Streams: appStreams}).WithResumer(run).WithSagas(reg, run).Handler()
	a.server = httpx.NewServer(cfg.HTTPAddr, cfg.APIToken, handler, a.log, httpx.WithMetrics(m.HTTP, m.Handler()),
		httpx.WithAllowedHosts(cfg.AllowedHosts...))
	a.components = append([]service.Component{relay, courier, evc, rpc}, a.loops(run, svc)...)
	a.components = append(a.components, &service.Every{Name: "inbox pruner", Interval: inbox.PruneInterval,
		Log: a.log, Fn: inbox.Retention{Prune: a.db.Pruner(), Keep: cfg.InboxRetention}.Pass})
	a.components = append(a.components, a.server)
	return nil
}

// Timer settings: how often due sagas are looked for, how many a pass
// takes, and when an order whose saga never started gets its event again.
const (
	timerInterval  = 250 * time.Millisecond
	timerBatch     = 64
	sweepInterval  = 5 * time.Second
	orderStallTime = 15 * time.Second
)

// loops are the periodic parts: step timeouts and retries, and the sweeper
// of orders whose OrderCreated was lost.
func (a *App) loops(run *runner.Runner, svc *orders.Service) []service.Component {
	return []service.Component{
		&service.Every{Name: "saga timers", Interval: timerInterval, Log: a.log,
			Fn: func(ctx context.Context) error { return run.FireAllDue(ctx, timerBatch) }},
		&service.Every{Name: "order sweeper", Interval: sweepInterval, Log: a.log,
			Fn: func(ctx context.Context) error {
				_, err := svc.Sweep(ctx, orderStallTime, 100, a.log)
				return err
			}},
	}
}

// consumer subscribes h to the logical stream name in the orchestrator's
// group, under the installation's prefix.
func (a *App) consumer(prefix, name string, h transport.BatchHandler) (transport.Subscription, error) {
	sub := redisstream.New(a.rdb, redisstream.Config{Prefix: prefix, MinIdle: a.claimMinIdle, Logger: a.log.WithField("stream", name)})
	c, err := sub.Subscribe(transport.SubscriptionConfig{Stream: name, Group: Group}, h)
	if err != nil {
		return nil, fmt.Errorf("consumer of %s: %w", name, err)
	}
	return c, nil
}

func (a *App) checks() []httpx.Check {
	return []httpx.Check{
		a.db.Check(),
		{Name: "redis", Check: func(ctx context.Context) error { return a.rdb.Ping(ctx).Err() }},
	}
}

// Start records the registered saga definitions (failing when one is
// stored under its version with other steps), takes up the parked sagas
// they now fit, then starts every component.
func (a *App) Start(ctx context.Context) error {
	if err := a.run.RecordDefinitions(ctx); err != nil {
		return err
	}
	if _, err := a.run.UnparkKnown(ctx); err != nil {
		return fmt.Errorf("taking up parked sagas: %w", err)
	}
	for i, c := range a.components {
		if err := c.Start(ctx); err != nil {
			a.stop(context.Background(), a.components[:i])
			return err
		}
	}
	return nil
}

// Addr is the HTTP server's address once started.
func (a *App) Addr() string { return a.server.Addr() }

// Stop stops every component in reverse order and closes the connections.
func (a *App) Stop(ctx context.Context) error {
	err := a.stop(ctx, a.components)
	a.close()
	return err
}

func (a *App) stop(ctx context.Context, cs []service.Component) error {
	var errs []error
	for i := len(cs) - 1; i >= 0; i-- {
		errs = append(errs, cs[i].Stop(ctx))
	}
	return errors.Join(errs...)
}

func (a *App) close() {
	if a.source != nil {
		_ = a.source.Close()
	}
	if a.rdb != nil {
		_ = a.rdb.Close()
	}
	a.db.Close()
}
