// Command orchestrator runs the streamsaga orchestrator: the order and saga
// HTTP API, the saga runner and the outbox relay. "orchestrator dev" runs
// the whole system in one process on embedded Redis and SQLite;
// "orchestrator sagas ..." and "orchestrator dlq ..." are the operator
// commands of orchestrator/cli, run against a running orchestrator's API;
// "orchestrator definitions validate PATH" checks saga definition files
// offline; "orchestrator help" lists them all.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/orchestrator/cli"
	"github.com/streamsaga/streamsaga/orchestrator/dev"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/service"
)

func main() {
	config.TuneGC(os.Getenv)
	if len(os.Args) > 1 {
		switch arg := os.Args[1]; {
		case slices.Contains(cli.Groups, arg):
			os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
		case slices.Contains([]string{"help", "-h", "-help", "--help"}, arg):
			usage(os.Stdout)
			return
		}
	}
	// The operator commands above are short-lived clients: the monitor's
	// slack is for the long-running processes only.
	if _, err := config.TuneMonitor(os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "orchestrator:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	run := serve
	if len(os.Args) > 1 && os.Args[1] == "dev" {
		run = func(ctx context.Context) error { return runDev(ctx, os.Args[2:]) }
	}
	err := run(ctx)
	switch {
	case errors.Is(err, flag.ErrHelp):
	case err != nil:
		fmt.Fprintln(os.Stderr, "orchestrator:", service.OneLine(err))
		os.Exit(1)
	}
}

// serve runs the orchestrator on PostgreSQL and Redis.
func serve(ctx context.Context) error {
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

// runDev runs the dev mode; its logs default to warnings only, so the
// banner stays readable (LOG_LEVEL=info shows every saga step).
func runDev(ctx context.Context, args []string) error {
	o, err := dev.ParseArgs(args, os.Stderr)
	if err != nil {
		return err
	}
	cfg, err := config.Load(app.DefaultAddr)
	if err != nil {
		return err
	}
	if os.Getenv("LOG_LEVEL") == "" {
		cfg.LogLevel = logrus.WarnLevel
	}
	return dev.Run(ctx, o, cfg)
}

// usage writes the binary's help: serve, dev and the operator commands.
func usage(w io.Writer) {
	fmt.Fprint(w, `usage: orchestrator [command]

  orchestrator               serve: run the orchestrator on PostgreSQL and Redis, configured by
                             the environment (DATABASE_URL, REDIS_URL, HTTP_ADDR, API_TOKEN, ...)
  orchestrator dev [flags]   run the whole system in one process on embedded Redis and SQLite
                             ("orchestrator dev -h" lists its flags)
  orchestrator help          this text

Operator commands, against a running orchestrator's HTTP API (but
"definitions validate", which reads the files alone):
`)
	cli.Usage(w)
}
