package host

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/service"
)

// Exit codes of Main.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitConfig = 2
)

// Main runs svc until SIGINT or SIGTERM and returns the process exit code.
// Every failure ends in one log line, never a stack trace.
func Main(svc Service) int {
	config.TuneGC(os.Getenv)
	if _, err := config.TuneMonitor(os.Getenv); err != nil {
		fmt.Fprintf(os.Stderr, "%s: invalid configuration: %v\n", svc.Name, err)
		return ExitConfig
	}
	cfg, err := config.Load(svc.DefaultAddr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: invalid configuration: %v\n", svc.Name, err)
		return ExitConfig
	}
	log := logging.New(svc.Name, cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = Run(ctx, svc, cfg, log)
	switch {
	case err == nil:
		log.Info("stopped")
		return ExitOK
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		log.Info("stopped while starting")
		return ExitOK
	}
	log.WithField("error", service.OneLine(err)).Errorf("%s cannot run", svc.Name)
	return ExitFailed
}
