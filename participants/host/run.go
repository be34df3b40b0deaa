package host

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/service"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// RedisPoolSize sizes the Redis pool: the consumer's blocking read and
// claim loop, the relay's publisher and health checks, with headroom. On a
// Redis Cluster each node's pool also holds the consumer's blocking read
// of every shard (see stream.Pool).
const RedisPoolSize = 16

// Run opens the back ends, prepares svc's schema when it asks (Migrate,
// Tables), builds svc and runs it until ctx is done.
func Run(ctx context.Context, svc Service, cfg config.Config, log *logrus.Entry) error {
	if err := svc.validate(); err != nil {
		return err
	}
	b, err := service.ConnectPrepared(ctx, cfg, svc.Schema, "barrier", stream.Pool{Size: RedisPoolSize, Readers: 1}, log, svc.prepare())
	if err != nil {
		return err
	}
	defer b.Close()
	return RunOn(ctx, svc, cfg, log, pg.NewBackend(b.Pool, svc.Schema), b.Redis)
}

// RunOn builds svc over db and rdb, which the caller opened and closes, and
// runs it until ctx is done. It leaves the schema to the caller: Migrate
// and Tables apply in Run.
func RunOn(ctx context.Context, svc Service, cfg config.Config, log *logrus.Entry, db backend.DB, rdb redis.UniversalClient) error {
	if err := svc.validate(); err != nil {
		return err
	}
	if db == nil {
		return errors.New("host: RunOn needs a database")
	}
	m, err := metrics.New()
	if err != nil {
		return fmt.Errorf("metrics of %s: %w", svc.Name, err)
	}
	return runParts(ctx, svc, cfg, log, Deps{DB: db, Redis: rdb, Log: log, Checks: []httpx.Check{db.Check(), redisCheck(rdb)}, Metrics: m})
}

func redisCheck(rdb redis.UniversalClient) httpx.Check {
	return httpx.Check{Name: "redis", Check: func(ctx context.Context) error { return rdb.Ping(ctx).Err() }}
}

// runParts builds the service and runs relay, courier, consumer, inbox
// pruner, barrier purger (unless SAGA_RETENTION is off) and HTTP server;
// they stop in reverse order, courier and relay last so replies of the
// commands handled last still leave.
func runParts(ctx context.Context, svc Service, cfg config.Config, log *logrus.Entry, d Deps) error {
	parts, err := svc.Build(d)
	if err == nil {
		err = parts.validate()
	}
	if err != nil {
		return fmt.Errorf("building %s: %w", svc.Name, err)
	}
	keys := stream.KeysFor(d.Redis, cfg.StreamPrefix, cfg.StreamShards)
	if err := keys.Validate(); err != nil {
		return fmt.Errorf("stream keys of %s: %w", svc.Name, err)
	}
	sub := redisstream.New(d.Redis, redisstream.Config{Prefix: cfg.StreamPrefix, Shards: cfg.StreamShards, MinIdle: cfg.ClaimMinIdle,
		Linger: cfg.StreamLinger, Logger: log})
	consumer, err := subscribe(sub, transport.SubscriptionConfig{Stream: svc.Commands, Group: svc.Group}, parts)
	if err != nil {
		return fmt.Errorf("creating %s consumer: %w", svc.Name, err)
	}
	src := d.DB.Source()
	defer closeSource(src, log)
	pub := stream.NewPublisher(d.Redis, keys, stream.PublisherConfig{Logger: log})
	relay, err := outbox.NewRelay(src, pub, outbox.RelayConfig{Logger: log})
	if err != nil {
		return fmt.Errorf("creating %s outbox relay: %w", svc.Name, err)
	}
	courier, err := d.DB.Courier(pub, log)
	if err != nil {
		return fmt.Errorf("creating %s outbox courier: %w", svc.Name, err)
	}
	if err := metrics.Register(d.Metrics, courier.Collectors()...); err != nil {
		return fmt.Errorf("metrics of %s: %w", svc.Name, err)
	}
	if err := registerCollectors(d, svc, keys, src); err != nil {
		return fmt.Errorf("metrics of %s: %w", svc.Name, err)
	}
	server := httpx.NewServer(cfg.HTTPAddr, cfg.APIToken, parts.handler(d), log,
		httpx.WithMetrics(d.Metrics.HTTP, d.Metrics.Handler()), httpx.WithAllowedHosts(cfg.AllowedHosts...))
	pruner := &service.Every{Name: "inbox pruner", Interval: inbox.PruneInterval, Log: log,
		Fn: inbox.Retention{Prune: d.DB.Pruner(), Keep: cfg.InboxRetention}.Pass}
	running := []service.Component{relay, courier, consumer, pruner}
	purger, err := barrierPurger(d, cfg, log)
	if err != nil {
		return fmt.Errorf("barrier retention of %s: %w", svc.Name, err)
	}
	if purger != nil {
		running = append(running, purger)
	}
	return service.Run(ctx, log, append(running, server)...)
}

// registerCollectors adds the collectors of the service's outbox and of
// its command stream and group to its registry.
func registerCollectors(d Deps, svc Service, keys stream.Keys, src outbox.Source) error {
	opts := metrics.ScrapeOptions{Log: d.Log}
	groups := []metrics.StreamGroup{{Stream: svc.Commands, Group: svc.Group}}
	return metrics.Register(d.Metrics, metrics.NewOutbox(src, opts), metrics.NewStreams(d.Redis, keys, groups, opts))
}

// subscribe reads the command stream with the parts' batch handler, or
// entry by entry with their handler when they have none.
func subscribe(sub transport.Subscriber, cfg transport.SubscriptionConfig, parts Parts) (transport.Subscription, error) {
	if parts.BatchHandler != nil {
		return sub.Subscribe(cfg, parts.BatchHandler)
	}
	cfg.BatchSize = 1
	return sub.Subscribe(cfg, transport.Each(parts.Handler))
}

func closeSource(src outbox.Source, log *logrus.Entry) {
	if err := src.Close(); err != nil {
		log.WithError(err).Warn("closing outbox listener")
	}
}
