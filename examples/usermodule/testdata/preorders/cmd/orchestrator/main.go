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
	a, err := app.New(ctx, cfg, log, preorder())
	if err != nil {
		return err
	}
	return service.Run(ctx, log, a)
}
