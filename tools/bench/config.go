package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Defaults of a bench: four runs of 25 s each, about two minutes in all.
const (
	DefaultRates    = "20,150,300"
	DefaultClients  = 64
	DefaultDuration = 20 * time.Second
	DefaultWarmup   = 5 * time.Second
	DefaultAdminURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	DefaultRedisURL = "redis://127.0.0.1:6379/15"
)

// benchConfig is one bench's settings.
type benchConfig struct {
	// bin holds the orchestrator, inventory and payment binaries.
	bin string
	// loadgen is the load generator's binary. Optional: default bin/loadgen.
	loadgen string
	// schema is the schema.sql applied to each run's database.
	// Optional: default bin/schema.sql when there is one, else ./schema.sql.
	schema string
	// adminURL reaches the PostgreSQL server as a user that creates
	// databases; redisURL names the Redis database the runs empty.
	adminURL, redisURL string
	flushRedis         bool
	// cluster, when positive, is how many masters of a local Redis
	// Cluster the runs use instead of redisURL: started for the bench on
	// free loopback ports, emptied before each run, stopped at the end.
	cluster int
	// processes is how many processes of each service a run starts; the
	// load generator talks to the first of each.
	processes int
	// loads are the runs, in order.
	loads []load
	// duration is each run's measured time, after warmup.
	duration, warmup time.Duration
	// logLevel is the services' LOG_LEVEL; empty keeps their default.
	logLevel string
	// logDir keeps the services' logs. Optional: default a temporary
	// folder removed at the end.
	logDir string
	json   bool
	// procRoot is where /proc is mounted.
	procRoot string
	// serviceEnv is added to the services' environment (KEY=VALUE each,
	// after the run's own) and to the load generator's.
	serviceEnv []string
	// sustain, when on, makes the bench one sustained run instead of the
	// fixed-load runs.
	sustain sustainConfig
}

// load is one run's load: open loop at rate orders/s, or clients in a
// closed loop.
type load struct {
	Rate    float64 `json:"rate,omitempty"`
	Clients int     `json:"clients,omitempty"`
}

func (l load) String() string {
	if l.Rate > 0 {
		return fmt.Sprintf("open loop %g/s", l.Rate)
	}
	return fmt.Sprintf("closed loop %d clients", l.Clients)
}

// parseFlags reads the bench's command line.
func parseFlags(args []string, output io.Writer) (benchConfig, error) {
	c := benchConfig{procRoot: "/proc"}
	var rates string
	var clients int
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.Usage = func() { printUsage(fs) }
	fs.StringVar(&c.bin, "bin", "", "folder with the orchestrator, inventory, payment (and loadgen) binaries (required)")
	fs.StringVar(&c.loadgen, "loadgen", "", "load generator binary (default <bin>/loadgen)")
	fs.StringVar(&c.schema, "schema", "", "schema applied to each run's database (default <bin>/schema.sql if present, else ./schema.sql)")
	fs.StringVar(&c.adminURL, "database-url", DefaultAdminURL, "PostgreSQL server, as a user that may create databases")
	fs.StringVar(&c.redisURL, "redis-url", DefaultRedisURL, "Redis database for the runs: emptied before each run")
	fs.BoolVar(&c.flushRedis, "flush-redis", false, "empty the Redis database even if it holds keys at the start")
	fs.IntVar(&c.cluster, "cluster", 0, "start a local Redis Cluster of this many masters (at least 3) for the runs instead of --redis-url (0: none)")
	fs.IntVar(&c.processes, "processes", 1, "processes of each service in every run; the load generator talks to the first of each")
	fs.StringVar(&rates, "rates", DefaultRates, "open-loop runs, orders/s, comma-separated (empty: none)")
	fs.IntVar(&clients, "clients", DefaultClients, "closed-loop run with this many clients (0: none)")
	fs.DurationVar(&c.duration, "duration", DefaultDuration, "measured time of each run, after the warm-up")
	fs.DurationVar(&c.warmup, "warmup", DefaultWarmup, "warm-up of each run, left out of every figure")
	fs.StringVar(&c.logLevel, "log-level", "", "the services' LOG_LEVEL (default: theirs)")
	fs.StringVar(&c.logDir, "logs", "", "keep the services' and the load generator's logs in this folder")
	fs.BoolVar(&c.json, "json", false, "print the results as JSON")
	fs.Func("service-env", "KEY=VALUE added to the services' environment, e.g. SAGA_RETENTION=1h (repeatable)", func(kv string) error {
		v, err := parseServiceEnv(kv)
		c.serviceEnv = append(c.serviceEnv, v)
		return err
	})
	sustainFlags(fs, &c.sustain)
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if err := checkScale(c, fs); err != nil {
		return c, err
	}
	if err := checkSustain(c.sustain, setFlags(fs)); err != nil {
		return c, err
	}
	var err error
	if c.loads, err = parseLoads(rates, clients); err != nil {
		return c, err
	}
	return c, c.complete()
}

// minClusterMasters is the fewest masters redis-cli makes a cluster of.
const minClusterMasters = 3

// checkScale checks --cluster and --processes, and that --cluster and
// --redis-url are not both given.
func checkScale(c benchConfig, fs *flag.FlagSet) error {
	if c.cluster != 0 && c.cluster < minClusterMasters {
		return fmt.Errorf("--cluster %d: a Redis Cluster needs at least %d masters (0: a single Redis)", c.cluster, minClusterMasters)
	}
	if c.processes < 1 {
		return fmt.Errorf("--processes %d: at least one process of each service", c.processes)
	}
	if c.cluster > 0 && setFlags(fs)["redis-url"] {
		return errors.New("--cluster and --redis-url exclude each other: the runs use the cluster they start")
	}
	return nil
}

func parseLoads(rates string, clients int) ([]load, error) {
	var loads []load
	for r := range strings.SplitSeq(rates, ",") {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		v, err := strconv.ParseFloat(r, 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("--rates: %q is not a positive number", r)
		}
		loads = append(loads, load{Rate: v})
	}
	if clients < 0 {
		return nil, errors.New("--clients must not be negative")
	}
	if clients > 0 {
		loads = append(loads, load{Clients: clients})
	}
	if len(loads) == 0 {
		return nil, errors.New("no runs: give --rates or --clients")
	}
	return loads, nil
}

// complete fills the defaults that depend on bin and checks the files.
func (c *benchConfig) complete() error {
	if c.bin == "" {
		return errors.New("--bin is required: the folder with the binaries to measure")
	}
	if c.duration <= 0 || c.warmup < 0 {
		return errors.New("--duration must be positive and --warmup not negative")
	}
	if c.loadgen == "" {
		c.loadgen = filepath.Join(c.bin, "loadgen")
	}
	if c.schema == "" {
		c.schema = "schema.sql"
		if _, err := os.Stat(filepath.Join(c.bin, "schema.sql")); err == nil {
			c.schema = filepath.Join(c.bin, "schema.sql")
		}
	}
	var errs []error
	for _, f := range append(binaries(c.bin), c.loadgen, c.schema) {
		if _, err := os.Stat(f); err != nil {
			errs = append(errs, fmt.Errorf("missing %s", f))
		}
	}
	return errors.Join(errs...)
}

func binaries(bin string) []string {
	out := make([]string, len(serviceNames))
	for i, n := range serviceNames {
		out[i] = filepath.Join(bin, n)
	}
	return out
}

func printUsage(fs *flag.FlagSet) {
	fmt.Fprint(fs.Output(), `Usage: bench --bin DIR [flags]
       bench --bin DIR --sustain DURATION --rate N [--interval 1m] [flags]

Runs the load generator at a few loads against the services built in DIR,
each run on a fresh database and Redis database, and reports throughput,
latency, and CPU time and context switches per completed saga for the
whole machine and each process.

With --sustain, one run instead: the load generator at N orders/s for
DURATION against services started once, a line per interval with its
rate, latency, CPU per saga and the sizes of the hot tables, then the
first interval against the last.

Flags:
`)
	fs.PrintDefaults()
}
