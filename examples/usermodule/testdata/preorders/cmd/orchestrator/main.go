// Command orchestrator runs the streamsaga engine with the preorder saga
// registered next to the built-in order saga.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/orchestrator/store/pgstore"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/service"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "preorders orchestrator:", service.OneLine(err))
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := config.Load(app.DefaultAddr)
	if err != nil {
		return err
	}
	log := logging.New("preorders-orchestrator", cfg.LogLevel)
	// app.New takes no definitions: open the back ends the way it does.
	b, err := service.Connect(ctx, cfg, pgstore.Schema, "sagas", 32, log)
	if err != nil {
		return err
	}
	db := backend.Postgres(b.Pool, pgstore.Schema)
	a, err := app.Build(cfg, app.Backends{DB: db, Store: pgstore.FromDB(db.Postgres), Redis: b.Redis}, log, preorder())
	if err != nil {
		return err
	}
	return service.Run(ctx, log, a)
}
