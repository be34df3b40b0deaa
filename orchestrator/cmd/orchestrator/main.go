// Command orchestrator runs the streamsaga orchestrator: the order and saga
// HTTP API, the saga runner and the outbox relay.
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
		fmt.Fprintln(os.Stderr, "orchestrator:", service.OneLine(err))
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := config.Load(app.DefaultAddr)
	if err != nil {
		return err
	}
	log := logging.New("orchestrator", cfg.LogLevel)
	service.StartPprof(log)
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		return err
	}
	if err := service.Run(ctx, log, a); err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}
