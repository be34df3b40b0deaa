// Command orchestrator runs the streamsaga engine with the preorder saga,
// and takes preorders of its own at POST /preorders, each written to the
// application's table and started as a saga in one transaction.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/pg/migrate"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "preorders orchestrator:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := config.Load("127.0.0.1:8080")
	if err != nil {
		return err
	}
	pool, err := pg.Connect(ctx, cfg.DatabaseURL, pgdriver.Schema)
	if err != nil {
		return err
	}
	if _, err := migrate.Migrate(ctx, pool, pgdriver.Schema, migrate.Orchestrator); err != nil {
		return err
	}
	if err := migrate.Apply(ctx, pool, pgdriver.Schema, requestsTable); err != nil {
		return err
	}
	opts, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return err
	}
	e, err := engine.New(engine.Config{
		Driver: pgdriver.NewDriver(pool), Redis: redis.NewClient(opts), Prefix: cfg.StreamPrefix,
		Definitions: []*saga.Definition{preorder().Definition()},
		HTTPAddr:    cfg.HTTPAddr, Logger: slog.Default(),
	})
	if err != nil {
		return err
	}
	e.OnFinish("preorder", engine.Each(recordOutcome))
	e.Routes(preorderRoutes(e, pool))
	return e.Run(ctx)
}
