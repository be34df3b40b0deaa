package dev

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/participants/services"
)

// DefaultDataDir is where the SQLite files go unless --data says otherwise.
const DefaultDataDir = ".streamsaga/dev"

// Options configure a dev run.
type Options struct {
	// DataDir holds the SQLite files.
	DataDir string
	// Reset deletes them first.
	Reset bool
	// Addresses of the three HTTP APIs.
	OrchestratorAddr, InventoryAddr, PaymentAddr string
	// DatabaseURL, when set, puts every service on PostgreSQL (schema.sql
	// applied) instead of SQLite; RedisURL on that Redis instead of the
	// embedded one.
	DatabaseURL, RedisURL string
	// Seed puts the demo stock and accounts in place when they are missing.
	Seed bool
	// Out receives the banner.
	Out io.Writer
}

// ParseArgs reads the dev command's flags and DATABASE_URL / REDIS_URL.
func ParseArgs(args []string, stderr io.Writer) (Options, error) {
	o := Options{Out: os.Stdout, DatabaseURL: env("DATABASE_URL"), RedisURL: env("REDIS_URL"), Seed: true}
	fs := flag.NewFlagSet("orchestrator dev", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.DataDir, "data", DefaultDataDir, "directory of the SQLite files")
	fs.BoolVar(&o.Reset, "reset", false, "delete the SQLite files and start clean")
	fs.StringVar(&o.OrchestratorAddr, "addr", app.DefaultAddr, "orchestrator HTTP address")
	fs.StringVar(&o.InventoryAddr, "inventory-addr", services.InventoryAddr, "inventory HTTP address")
	fs.StringVar(&o.PaymentAddr, "payment-addr", services.PaymentAddr, "payment HTTP address")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: orchestrator dev [--data DIR] [--reset] [--addr A] [--inventory-addr A] [--payment-addr A]")
		fmt.Fprintln(stderr, "Runs the orchestrator, inventory and payment in one process on embedded Redis and SQLite.")
		fmt.Fprintln(stderr, "DATABASE_URL and REDIS_URL switch to PostgreSQL (schema.sql applied) and a real Redis.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("orchestrator dev: unexpected argument %q", fs.Arg(0))
	}
	if o.DataDir == "" {
		return o, errors.New("orchestrator dev: --data is empty")
	}
	return o, nil
}

func env(key string) string { return strings.TrimSpace(os.Getenv(key)) }
