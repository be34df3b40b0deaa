package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/api"
	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/runner"
	"github.com/streamsaga/streamsaga/orchestrator/store/pgstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/service"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// DefaultAddr is the orchestrator's default HTTP address.
const DefaultAddr = "127.0.0.1:8080"

// Group is the orchestrator's consumer group on its streams.
const Group = "orchestrator"

// App is a running orchestrator.
type App struct {
	pool       *pgxpool.Pool
	rdb        *redis.Client
	source     *pg.OutboxSource
	server     *httpx.Server
	components []service.Component
	log        *logrus.Entry
	// claimMinIdle is how long an unacknowledged entry waits before another
	// consumer takes it over.
	claimMinIdle time.Duration
}

// New connects to Postgres and Redis (waiting up to cfg.StartupTimeout) and
// builds every component; Start runs them.
func New(ctx context.Context, cfg config.Config, log *logrus.Entry) (*App, error) {
	a := &App{log: log, claimMinIdle: cfg.ClaimMinIdle}
	if err := a.connect(ctx, cfg); err != nil {
		a.close()
		return nil, err
	}
	if err := a.build(cfg); err != nil {
		a.close()
		return nil, err
	}
	return a, nil
}

func (a *App) connect(ctx context.Context, cfg config.Config) error {
	b, err := service.Connect(ctx, cfg, pgstore.Schema, "sagas", 32, a.log)
	a.pool, a.rdb = b.Pool, b.Redis
	return err
}

func (a *App) build(cfg config.Config) error {
	st := pgstore.New(a.pool)
	reg, err := saga.NewRegistry(ordersaga.Definition())
	if err != nil {
		return err
	}
	run, err := runner.New(runner.Config{Store: st, Registry: reg, Logger: a.log})
	if err != nil {
		return err
	}
	events := orders.NewEvents(st, run)
	keys := stream.Keys{Prefix: cfg.StreamPrefix}
	a.source = pg.NewOutboxSource(a.pool, pgstore.Schema)
	relay, err := outbox.NewRelay(a.source,
		stream.NewPublisher(a.rdb, keys, stream.PublisherConfig{}), outbox.RelayConfig{Logger: a.log})
	if err != nil {
		return err
	}
	evc, err := a.consumer(keys, stream.OrdersEvents, events.HandleBatch)
	if err != nil {
		return err
	}
	rpc, err := a.consumer(keys, stream.OrchestratorReply, run.HandleReplies)
	if err != nil {
		return err
	}
	svc := orders.NewService(st)
	handler := api.New(st, svc, a.log, a.checks()...).
		WithDLQ(api.DLQ{Redis: a.rdb, Keys: keys}).WithResumer(run).Handler()
	a.server = httpx.NewServer(cfg.HTTPAddr, cfg.APIToken, handler, a.log)
	a.components = append([]service.Component{relay, evc, rpc}, a.loops(run, svc)...)
	a.components = append(a.components, &service.Every{Name: "inbox pruner", Interval: inbox.PruneInterval,
		Log: a.log, Fn: inbox.Retention{Prune: pg.InboxPruner(a.pool), Keep: cfg.InboxRetention}.Pass})
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

func (a *App) consumer(keys stream.Keys, name string, h stream.BatchHandler) (*stream.Consumer, error) {
	c, err := stream.NewBatchConsumer(a.rdb, keys, stream.ConsumerConfig{
		Stream: name, Group: Group, MinIdle: a.claimMinIdle, Logger: a.log.WithField("stream", name),
	}, h)
	if err != nil {
		return nil, fmt.Errorf("consumer of %s: %w", name, err)
	}
	return c, nil
}

func (a *App) checks() []httpx.Check {
	return []httpx.Check{
		{Name: "postgres", Check: a.pool.Ping},
		{Name: "redis", Check: func(ctx context.Context) error { return a.rdb.Ping(ctx).Err() }},
	}
}

// Start starts every component.
func (a *App) Start(ctx context.Context) error {
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
	if a.pool != nil {
		a.pool.Close()
	}
}
