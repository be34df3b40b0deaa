package stream

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// DefaultMaxLen is the default approximate MAXLEN of every stream and
// dead-letter stream. MAXLEN ~ trims entries that may still be pending, so it
// must stay far above any backlog a consumer group can build up.
const DefaultMaxLen int64 = 1_000_000

// PublisherConfig configures a Publisher.
type PublisherConfig struct {
	// MaxLen caps each stream approximately (XADD MAXLEN ~ N). Size it far
	// above any backlog: trimming drops entries that are still pending.
	// Optional: default DefaultMaxLen (1,000,000).
	MaxLen int64
	// Logger gets a line for every message moved to the outbox's
	// dead-letter stream.
	// Optional: default the standard logrus logger.
	Logger *logrus.Entry
}

func (c *PublisherConfig) setDefaults() {
	if c.MaxLen <= 0 {
		c.MaxLen = DefaultMaxLen
	}
	if c.Logger == nil {
		c.Logger = logrus.NewEntry(logrus.StandardLogger())
	}
}

// Publisher XADDs outbox messages to their streams.
type Publisher struct {
	rdb  redis.UniversalClient
	keys Keys
	cfg  PublisherConfig
}

var _ outbox.Publisher = (*Publisher)(nil)

// NewPublisher returns a Publisher writing to the streams keys names. On
// sharded keys each message goes to the shard of its partition key (its
// saga id), or of its message id when it has none.
func NewPublisher(rdb redis.UniversalClient, keys Keys, cfg PublisherConfig) *Publisher {
	cfg.setDefaults()
	return &Publisher{rdb: rdb, keys: keys, cfg: cfg}
}

// Publish sends msgs in order, all in one pipeline (on a cluster, one per
// node, each in order). A message Redis
// refuses for good (IsPermanent: its stream's key holds another type, say)
// is moved to the dead-letter stream of Outbox instead, so that it never
// holds up the messages behind it. Publish returns nil only when every
// message was either accepted or dead-lettered; otherwise the whole batch
// should be retried (consumers deduplicate by message id).
func (p *Publisher) Publish(ctx context.Context, msgs []outbox.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	if err := p.keys.Validate(); err != nil {
		return err
	}
	cmds, _ := p.rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for _, m := range msgs {
			pipe.XAdd(ctx, p.xaddArgs(m))
		}
		return nil
	})
	var refused []refusal
	for i, cmd := range cmds {
		cerr := cmd.Err()
		if cerr == nil {
			continue
		}
		m := msgs[i]
		if !IsPermanent(cerr) {
			return fmt.Errorf("publishing message %s (%s) to %s: %w", m.MessageID, m.Type, m.Stream, cerr)
		}
		refused = append(refused, refusal{msg: m, err: cerr})
	}
	return p.deadLetter(ctx, refused)
}

func (p *Publisher) xaddArgs(m outbox.Message) *redis.XAddArgs {
	return &redis.XAddArgs{
		Stream: p.keys.ShardStream(m.Stream, p.shardOf(m)),
		MaxLen: p.cfg.MaxLen,
		Approx: true,
		Values: entryValues(m),
	}
}

// shardOf is the shard m travels on: that of its partition key, or of its
// message id when it has none.
func (p *Publisher) shardOf(m outbox.Message) int {
	if m.PartitionKey != "" {
		return p.keys.ShardOf(m.PartitionKey)
	}
	return p.keys.ShardOf(m.MessageID)
}

// entryValues are the fields of m's stream entry.
func entryValues(m outbox.Message) []any {
	return []any{
		FieldMessageID, m.MessageID,
		FieldType, m.Type,
		FieldSagaID, m.PartitionKey,
		FieldEnvelope, m.Payload,
	}
}
