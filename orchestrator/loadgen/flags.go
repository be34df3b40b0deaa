package loadgen

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ParseFlags reads a run's configuration from command-line arguments, with
// defaults from the environment (getenv): ORCHESTRATOR_URL, REDIS_URL,
// STREAM_PREFIX and API_TOKEN. Usage goes to output. -h returns
// flag.ErrHelp.
func ParseFlags(args []string, getenv func(string) string, output io.Writer) (Config, error) {
	var c Config
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.Usage = func() { usage(fs) }
	fs.StringVar(&c.OrchestratorURL, "url", envOr(getenv, "ORCHESTRATOR_URL", DefaultOrchestratorURL), "orchestrator base URL (ORCHESTRATOR_URL)")
	fs.StringVar(&c.InventoryURL, "inventory-url", DefaultInventoryURL, "inventory service base URL")
	fs.StringVar(&c.PaymentURL, "payment-url", DefaultPaymentURL, "payment service base URL")
	fs.StringVar(&c.RedisURL, "redis-url", envOr(getenv, "REDIS_URL", DefaultRedisURL), "Redis holding the streams (REDIS_URL)")
	fs.StringVar(&c.StreamPrefix, "stream-prefix", getenv("STREAM_PREFIX"), "the installation's stream key prefix (STREAM_PREFIX)")
	shards, _ := strconv.Atoi(getenv("STREAM_SHARDS"))
	fs.IntVar(&c.StreamShards, "stream-shards", shards, "on a Redis Cluster, the installation's shards per stream (STREAM_SHARDS; default 16)")
	fs.Float64Var(&c.Rate, "rate", 0, "open loop: orders per second")
	fs.IntVar(&c.Clients, "clients", 0, fmt.Sprintf("closed loop: concurrent clients (default %d without --rate)", DefaultClients))
	fs.Int64Var(&c.Count, "count", 0, "stop after this many orders (0: no limit)")
	fs.DurationVar(&c.Duration, "duration", 0, fmt.Sprintf("stop after this long, warm-up included (default %s without --count)", DefaultDuration))
	fs.DurationVar(&c.Warmup, "warmup", DefaultWarmup, "orders placed this early are left out of the figures")
	fs.Float64Var(&c.RejectRatio, "reject-ratio", 0, "share of orders (0-1) placed for a customer without an account")
	fs.IntVar(&c.SKUs, "skus", DefaultSKUs, "SKUs to spread orders over")
	fs.IntVar(&c.Customers, "customers", DefaultCustomers, "customers to spread orders over")
	fs.IntVar(&c.MaxInFlight, "max-in-flight", DefaultMaxInFlight, "open loop: most POSTs in progress at once")
	fs.DurationVar(&c.EventTimeout, "event-timeout", DefaultEventTimeout, "poll GET /sagas/{id} for orders without an event after this long")
	fs.DurationVar(&c.OrderTimeout, "order-timeout", DefaultOrderTimeout, "longest wait for one order, and for the last ones at the end")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", DefaultRequestTimeout, "timeout of every HTTP request")
	fs.StringVar(&c.RunID, "run-id", "", "prefix of the run's SKU and customer names (default random)")
	fs.DurationVar(&c.Interval, "interval", 0, "also report each interval of this length as it ends, warm-up included (0: none)")
	fs.BoolVar(&c.JSON, "json", false, "print the final report as JSON (with --interval, each interval first as a JSON line)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if c.Warmup == 0 {
		c.Warmup = -1
	}
	c.APIToken = getenv("API_TOKEN")
	return c, nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := strings.TrimSpace(getenv(key)); v != "" {
		return v
	}
	return def
}

func usage(fs *flag.FlagSet) {
	fmt.Fprint(fs.Output(), `Usage: loadgen [flags]

Places orders on a running streamsaga installation and reports throughput and
end-to-end latency. Closed loop: --clients N. Open loop: --rate N (orders/s).
API_TOKEN, when set, is sent as a bearer token.

Flags:
`)
	fs.PrintDefaults()
}
