// Command loadgen places orders on a running streamsaga installation, open
// or closed loop, and reports completed sagas per second and end-to-end
// latency. See the package orchestrator/loadgen and "loadgen -h".
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/streamsaga/streamsaga/orchestrator/loadgen"
	"github.com/streamsaga/streamsaga/saga/config"
)

func main() {
	config.TuneGC(os.Getenv)
	if _, err := config.TuneMonitor(os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C ends the process at once
	}()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := loadgen.ParseFlags(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = loadgen.Run(ctx, cfg, os.Stdout, os.Stderr)
	return err
}
