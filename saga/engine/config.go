package engine

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/retention"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// Config configures an Engine.
type Config struct {
	// Driver is the database (pgdriver.NewDriver, sqlitedriver.NewDriver).
	// Required. The engine closes it on Stop.
	Driver driver.Driver
	// Redis carries the commands, replies and events. Required. The engine
	// closes it on Stop.
	Redis redis.UniversalClient
	// Definitions are the saga types the engine runs. At least one.
	Definitions []*saga.Definition
	// Prefix is put before every stream key (STREAM_PREFIX).
	Prefix string
	// Shards is how many keys each stream is spread over when Redis is a
	// cluster client (STREAM_SHARDS); ignored on a single Redis.
	// Optional: default 16.
	Shards int
	// Group is the engine's consumer group. Optional: default "orchestrator".
	Group string
	// HTTPAddr is where Run and Start serve the HTTP API; empty serves
	// nothing (use Handler).
	HTTPAddr string
	// APIToken, when set, is the bearer token every request but /healthz
	// and /metrics needs.
	APIToken string
	// AllowedHosts, when set, are the only Host headers the server answers.
	AllowedHosts []string
	// ClaimMinIdle is how long an unacknowledged entry waits before another
	// consumer takes it over. Optional: default the transport's.
	ClaimMinIdle time.Duration
	// Linger is the least time between the starts of two reads of a
	// stream while reads bring fewer entries than a full batch
	// (STREAM_LINGER): at a light load a read then brings the messages of
	// several sagas, handled together, for up to Linger more per hop.
	// Optional: default 0, every read at once.
	Linger time.Duration
	// InboxRetention is how long processed message ids are kept.
	// Optional: default 7 days.
	InboxRetention time.Duration
	// SagaRetention is how long a COMPLETED or COMPENSATED saga and its
	// history are kept after it finished; older ones are purged every
	// minute, in batches. FAILED sagas (they wait for an operator) and
	// parked ones are never purged. Optional: default
	// retention.DefaultSagaRetention (30 days); retention.Off (any
	// negative value) keeps every saga.
	SagaRetention time.Duration
	// AdmissionMaxWait: while a message of the running sagas has waited
	// longer than this in a stream, for a consumer group that reads it,
	// a request for a new saga (POST /sagas, and the application's routes
	// that ask Admission) is answered 503 with Retry-After (see
	// saga/admission). Optional: default admission.DefaultMaxWait (1s);
	// admission.Off (any negative value) admits every saga.
	AdmissionMaxWait time.Duration
	// Logger. Optional: default slog.Default().
	Logger *slog.Logger
	// Now is the clock. Optional: default time.Now (tests set one to let
	// step timeouts pass).
	Now func() time.Time
}

// DefaultGroup is the engine's consumer group unless Config.Group says.
const DefaultGroup = "orchestrator"

func (c *Config) setDefaults() error {
	if c.Driver == nil || c.Driver.Store() == nil || c.Redis == nil {
		return errors.New("engine: Config needs a Driver and Redis")
	}
	if len(c.Definitions) == 0 {
		return errors.New("engine: Config needs at least one saga definition")
	}
	if c.Group == "" {
		c.Group = DefaultGroup
	}
	if c.InboxRetention <= 0 {
		c.InboxRetention = 7 * 24 * time.Hour
	}
	if c.SagaRetention == 0 {
		c.SagaRetention = retention.DefaultSagaRetention
	}
	if err := stream.KeysFor(c.Redis, c.Prefix, c.Shards).Validate(); err != nil {
		return fmt.Errorf("engine: %w", err)
	}
	return nil
}
