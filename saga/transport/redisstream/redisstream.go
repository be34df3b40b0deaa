package redisstream

import (
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// Config configures a Transport. Zero durations and counts take the
// defaults of the stream package.
type Config struct {
	// Prefix is prepended to every stream key and group name.
	// Optional: default "" (STREAM_PREFIX).
	Prefix string
	// Shards is how many keys each stream is spread over when the client
	// is a Redis Cluster client (STREAM_SHARDS); on a single Redis every
	// stream is one key. Optional: default 16.
	Shards int
	// Block is how long one read waits for new entries; Stop waits up to
	// this long for a read in progress. Optional: default 1s.
	Block time.Duration
	// MinIdle is how long a failed or unsettled message stays pending
	// before it is delivered again. It must be longer than a handler call
	// takes. Optional: default 30s.
	MinIdle time.Duration
	// ClaimInterval is how often pending messages are looked for.
	// Optional: default 5s.
	ClaimInterval time.Duration
	// Count is the most entries one read returns, the batch size of a
	// subscription that does not set one. Optional: default 64.
	Count int64
	// Linger is the least time between the starts of two reads while
	// reads bring fewer than Count entries (STREAM_LINGER; see
	// stream.ConsumerConfig). Optional: default 0, every read at once.
	Linger time.Duration
	// MaxLen caps every stream and dead-letter stream approximately; size
	// it far above any backlog. Optional: default 1,000,000.
	MaxLen int64
	// Logger receives the logs. Optional: default the logrus standard
	// logger.
	Logger *logrus.Entry
}

// Transport is the Redis Streams Publisher, Subscriber and DeadLetters of
// one installation (one Prefix). On a Redis Cluster client it spreads every
// stream over Shards keys (see stream.Keys); message and dead-letter ids
// then name their shard, "<shard>:<entry id>".
type Transport struct {
	rdb  redis.UniversalClient
	keys stream.Keys
	cfg  Config
	pub  *stream.Publisher
}

var (
	_ transport.Publisher   = (*Transport)(nil)
	_ transport.Subscriber  = (*Transport)(nil)
	_ transport.DeadLetters = (*Transport)(nil)
)

// New returns a Transport over rdb. Size rdb's pool above the number of
// blocking reads sharing it: each subscription holds a connection during
// every read of each shard key (see stream.Pool).
func New(rdb redis.UniversalClient, cfg Config) *Transport {
	if cfg.Logger == nil {
		cfg.Logger = logrus.NewEntry(logrus.StandardLogger())
	}
	keys := stream.KeysFor(rdb, cfg.Prefix, cfg.Shards)
	pub := stream.NewPublisher(rdb, keys, stream.PublisherConfig{MaxLen: cfg.MaxLen, Logger: cfg.Logger})
	return &Transport{rdb: rdb, keys: keys, cfg: cfg, pub: pub}
}

// Keys are the transport's stream keys.
func (t *Transport) Keys() stream.Keys { return t.keys }
