package dev

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/streamsaga/streamsaga/examples/trip/participants/cars"
	"github.com/streamsaga/streamsaga/examples/trip/participants/flights"
	"github.com/streamsaga/streamsaga/examples/trip/participants/hotels"
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
	// Examples runs the trip example (examples/trip) too: its saga type is
	// registered and its flights, hotels and cars participants run in this
	// process, on FlightsAddr, HotelsAddr and CarsAddr (each defaults to
	// the participant's own when empty). ParseArgs turns it on unless
	// --examples=false.
	Examples                          bool
	FlightsAddr, HotelsAddr, CarsAddr string
	// DatabaseURL, when set, puts every service on PostgreSQL (schema.sql
	// applied) instead of SQLite; RedisURL on that Redis (a single one or
	// a Redis Cluster, as REDIS_URL names them) instead of the embedded one.
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
	fs.BoolVar(&o.Examples, "examples", true, "run the trip example too: its saga type and its flights, hotels and cars participants")
	fs.StringVar(&o.FlightsAddr, "flights-addr", flights.Addr, "flights HTTP address (trip example)")
	fs.StringVar(&o.HotelsAddr, "hotels-addr", hotels.Addr, "hotels HTTP address (trip example)")
	fs.StringVar(&o.CarsAddr, "cars-addr", cars.Addr, "cars HTTP address (trip example)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: orchestrator dev [--data DIR] [--reset] [--addr A] [--inventory-addr A] [--payment-addr A]")
		fmt.Fprintln(stderr, "                        [--examples=false] [--flights-addr A] [--hotels-addr A] [--cars-addr A]")
		fmt.Fprintln(stderr, "Runs the orchestrator, inventory and payment in one process on embedded Redis and SQLite,")
		fmt.Fprintln(stderr, "with the trip example's saga and its flights, hotels and cars participants unless --examples=false.")
		fmt.Fprintln(stderr, "DATABASE_URL and REDIS_URL switch to PostgreSQL (schema.sql applied) and a real Redis or Redis Cluster.")
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
