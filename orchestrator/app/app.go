package app

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/api"
	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderpg"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/service"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// DefaultAddr is the orchestrator's default HTTP address.
const DefaultAddr = "127.0.0.1:8080"

// RedisPool sizes the orchestrator's Redis pool: two consumers (the
// replies and orders.events), each with a blocking read per shard on a
// cluster, the relay, courier, claims and health checks.
var RedisPool = stream.Pool{Size: 32, Readers: 2}

// Group is the orchestrator's consumer group on its streams.
const Group = engine.DefaultGroup

// Backends are what the orchestrator runs on: its database, its store over
// that database, and Redis. App owns them once given and closes them.
type Backends struct {
	DB    backend.DB
	Store driver.Store
	// Orders is the order application's store, on the same database.
	Orders orderstore.Store
	Redis  redis.UniversalClient
}

// App is a running orchestrator: the saga engine with the order
// application on it (the order saga, POST /orders and GET /orders/{id},
// the orders.events consumer and the sweeper of stalled orders).
type App struct {
	engine  *engine.Engine
	sweeper *service.Every
}

// New reads the definition files of cfg.SagaDefinitions, connects to
// PostgreSQL and Redis (waiting up to cfg.StartupTimeout) and builds every
// component, with defs and the files' definitions registered next to the
// order saga; Start runs them. A definition file that does not validate
// stops it before it connects.
func New(ctx context.Context, cfg config.Config, log *logrus.Entry, defs ...*saga.Definition) (*App, error) {
	all, err := definitions(cfg, log, defs)
	if err != nil {
		return nil, err
	}
	b, err := service.Connect(ctx, cfg, pgdriver.Schema, "sagas", RedisPool, log)
	if err != nil {
		return nil, err
	}
	db := pg.NewBackend(b.Pool, pgdriver.Schema)
	return build(cfg, Backends{DB: db, Store: pgdriver.FromDB(db.DB()), Orders: orderpg.New(b.Pool),
		Redis: b.Redis}, log, all)
}

// Build builds every component over b; Start runs them. defs and the
// definition files of cfg.SagaDefinitions are registered next to the
// order saga. The app closes b's connections when it stops or when Build
// fails.
func Build(cfg config.Config, b Backends, log *logrus.Entry, defs ...*saga.Definition) (*App, error) {
	all, err := definitions(cfg, log, defs)
	if err != nil {
		closeBackends(b)
		return nil, err
	}
	return build(cfg, b, log, all)
}

// build is Build with every definition to register.
func build(cfg config.Config, b Backends, log *logrus.Entry, all []*saga.Definition) (*App, error) {
	if b.DB == nil || b.Store == nil || b.Orders == nil || b.Redis == nil {
		closeBackends(b)
		return nil, errors.New("app: backends need a database, a store, an order store and Redis")
	}
	e, err := engine.New(engine.Config{
		Driver: driver.New(b.DB, b.Store), Redis: b.Redis,
		Definitions: all,
		Prefix:      cfg.StreamPrefix, Shards: cfg.StreamShards, HTTPAddr: cfg.HTTPAddr, APIToken: cfg.APIToken, AllowedHosts: cfg.AllowedHosts,
		ClaimMinIdle: cfg.ClaimMinIdle, Linger: cfg.StreamLinger, InboxRetention: cfg.InboxRetention, SagaRetention: cfg.SagaRetention,
		AdmissionMaxWait: cfg.AdmissionMaxWait, Logger: logging.Slog(log),
	})
	if err != nil {
		closeBackends(b)
		return nil, err
	}
	return &App{engine: e, sweeper: Orders(e, b.Orders, cfg.OrderEventsLinger)}, nil
}

func closeBackends(b Backends) {
	if b.Redis != nil {
		_ = b.Redis.Close()
	}
	if b.DB != nil {
		b.DB.Close()
	}
}

// Sweeper settings: how often stalled orders are looked for, and when an
// order whose saga never started gets its event again.
const (
	sweepInterval  = 5 * time.Second
	orderStallTime = 15 * time.Second
)

// Orders puts the order application, over its store st, on e: the order saga's finish hook,
// POST /orders (starting each order's saga in the order's own
// transaction), the orders.events consumer (starting the sagas of
// OrderCreated events that have none yet), the order routes and the
// explanation of a saga that has not started yet. eventsLinger paces the
// reads of orders.events (config.Config.OrderEventsLinger; 0: as every
// stream). It returns the sweeper of orders whose saga never started, to
// run next to e.
func Orders(e *engine.Engine, st orderstore.Store, eventsLinger time.Duration) *service.Every {
	svc := orders.NewService(e.Store(), st, e.StartFreshManyTx)
	e.Subscribe(ordersaga.EventsStream, orders.NewEvents(e, st, svc).HandleBatch, engine.SubscribeLinger(eventsLinger))
	routes := api.New(svc, e.Logger(), e.Admission())
	e.Routes(routes.Routes)
	e.SetLookups(engine.Lookups{Noun: "order", Find: svc.SagaOfOrder, NotStarted: routes.SagaNotStarted})
	log := e.Logger()
	return &service.Every{Name: "order sweeper", Interval: sweepInterval, Log: log,
		Fn: func(ctx context.Context) error {
			_, err := svc.Sweep(ctx, orderStallTime, 100, log)
			return err
		}}
}

// Start starts the engine, then the sweeper.
func (a *App) Start(ctx context.Context) error {
	if err := a.engine.Start(ctx); err != nil {
		return err
	}
	if err := a.sweeper.Start(ctx); err != nil {
		_ = a.engine.Stop(context.Background())
		return err
	}
	return nil
}

// Addr is the HTTP server's address once started.
func (a *App) Addr() string { return a.engine.Addr() }

// Stop stops the sweeper, then the engine, and closes the connections.
func (a *App) Stop(ctx context.Context) error {
	return errors.Join(a.sweeper.Stop(ctx), a.engine.Stop(ctx))
}
