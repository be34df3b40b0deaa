package loadgen

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Defaults of a local installation and of a run.
const (
	DefaultOrchestratorURL = "http://127.0.0.1:8080"
	DefaultInventoryURL    = "http://127.0.0.1:8081"
	DefaultPaymentURL      = "http://127.0.0.1:8082"
	DefaultRedisURL        = "redis://127.0.0.1:6379/0"
	DefaultClients         = 16
	DefaultDuration        = 60 * time.Second
	DefaultWarmup          = 5 * time.Second
	DefaultSKUs            = 32
	DefaultCustomers       = 64
	DefaultMaxInFlight     = 1024
	DefaultEventTimeout    = 10 * time.Second
	DefaultOrderTimeout    = 60 * time.Second
	DefaultRequestTimeout  = 10 * time.Second
)

// Config describes one run.
type Config struct {
	// OrchestratorURL is the orchestrator's base URL.
	// Optional: default DefaultOrchestratorURL.
	OrchestratorURL string
	// InventoryURL is the inventory service's base URL.
	// Optional: default DefaultInventoryURL.
	InventoryURL string
	// PaymentURL is the payment service's base URL.
	// Optional: default DefaultPaymentURL.
	PaymentURL string
	// RedisURL is the Redis holding the installation's streams.
	// Optional: default DefaultRedisURL.
	RedisURL string
	// StreamPrefix is the installation's STREAM_PREFIX. Optional: default "".
	StreamPrefix string
	// StreamShards is the installation's STREAM_SHARDS, read when Redis is
	// a cluster: orders.events is then tailed on each of its shard keys.
	// Optional: default 16.
	StreamShards int
	// APIToken is sent as a bearer token when set. Optional: default "".
	APIToken string

	// Rate is the open-loop rate in orders per second; zero runs closed
	// loop. Optional: default 0.
	Rate float64
	// Clients is the number of closed-loop clients, used when Rate is zero.
	// Optional: default DefaultClients (16).
	Clients int
	// Count stops the run after this many orders; zero means no limit.
	// Optional: default 0.
	Count int64
	// Duration stops the run after this long, warm-up included; zero means
	// no limit. Optional: default DefaultDuration (60s) when Count is zero
	// too, else 0.
	Duration time.Duration
	// Warmup is the time at the start whose orders are left out of the
	// figures. Optional: default DefaultWarmup (5s); negative means none.
	Warmup time.Duration
	// RejectRatio is the share of orders, 0 to 1, placed for a customer
	// without an account so that they are rejected. Optional: default 0.
	RejectRatio float64

	// SKUs and Customers are how many of each the run spreads its orders
	// over. Optional: defaults DefaultSKUs (32) and DefaultCustomers (64).
	SKUs, Customers int
	// MaxInFlight bounds the POSTs in progress at once in open loop.
	// Optional: default DefaultMaxInFlight (1024).
	MaxInFlight int
	// EventTimeout is how long after its POST an order's event may take
	// before the saga is polled instead. Optional: default DefaultEventTimeout (10s).
	EventTimeout time.Duration
	// OrderTimeout bounds the wait for one order in closed loop, and the
	// wait for the orders still in flight once sending has stopped.
	// Optional: default DefaultOrderTimeout (60s).
	OrderTimeout time.Duration
	// RequestTimeout bounds every HTTP request.
	// Optional: default DefaultRequestTimeout (10s).
	RequestTimeout time.Duration
	// RunID prefixes the run's SKU and customer names.
	// Optional: default a random id.
	RunID string
	// Progress is how often a progress line is written. Optional: default 1s.
	Progress time.Duration
	// Interval, when positive, writes an IntervalReport to the report's
	// output as each interval of this length ends, counted from the start
	// of the run, warm-up included: the orders answered and the sagas ended
	// in it. With JSON each is one line {"interval": {...}} before the
	// report. Optional: default 0 (none).
	Interval time.Duration
	// JSON prints the final report as JSON instead of text.
	// Optional: default false.
	JSON bool
}

func (c *Config) setDefaults() {
	c.OrchestratorURL = orDefault(c.OrchestratorURL, DefaultOrchestratorURL)
	c.InventoryURL = orDefault(c.InventoryURL, DefaultInventoryURL)
	c.PaymentURL = orDefault(c.PaymentURL, DefaultPaymentURL)
	c.RedisURL = orDefault(c.RedisURL, DefaultRedisURL)
	c.RunID = orDefault(c.RunID, newRunID())
	if c.Rate == 0 && c.Clients == 0 {
		c.Clients = DefaultClients
	}
	if c.Count == 0 && c.Duration == 0 {
		c.Duration = DefaultDuration
	}
	defaultIfZero(&c.Warmup, DefaultWarmup)
	c.Warmup = max(c.Warmup, 0)
	defaultIfZero(&c.SKUs, DefaultSKUs)
	defaultIfZero(&c.Customers, DefaultCustomers)
	defaultIfZero(&c.MaxInFlight, DefaultMaxInFlight)
	defaultIfZero(&c.EventTimeout, DefaultEventTimeout)
	defaultIfZero(&c.OrderTimeout, DefaultOrderTimeout)
	defaultIfZero(&c.RequestTimeout, DefaultRequestTimeout)
	defaultIfZero(&c.Progress, time.Second)
}

func (c *Config) validate() error {
	var errs []error
	if c.Rate < 0 || c.Clients < 0 || c.Count < 0 || c.Duration < 0 || c.Interval < 0 {
		errs = append(errs, errors.New("rate, clients, count, duration and interval must not be negative"))
	}
	if c.Rate > 0 && c.Clients > 0 {
		errs = append(errs, errors.New("set either a rate (open loop) or clients (closed loop), not both"))
	}
	if c.RejectRatio < 0 || c.RejectRatio > 1 {
		errs = append(errs, fmt.Errorf("reject ratio %v is not between 0 and 1", c.RejectRatio))
	}
	for _, u := range []string{c.OrchestratorURL, c.InventoryURL, c.PaymentURL} {
		if p, err := url.Parse(u); err != nil || p.Scheme == "" || p.Host == "" {
			errs = append(errs, fmt.Errorf("URL %q is not an absolute http URL", u))
		}
	}
	return errors.Join(errs...)
}

// OpenLoop reports whether the run places orders at a fixed rate.
func (c *Config) OpenLoop() bool { return c.Rate > 0 }

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func defaultIfZero[T int | int64 | time.Duration](v *T, def T) {
	if *v == 0 {
		*v = def
	}
}
