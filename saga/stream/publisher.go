package stream

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

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
}

func (c *PublisherConfig) setDefaults() {
	if c.MaxLen <= 0 {
		c.MaxLen = DefaultMaxLen
	}
}

// Publisher XADDs outbox messages to their streams.
type Publisher struct {
	rdb  redis.UniversalClient
	keys Keys
	cfg  PublisherConfig
}

var _ outbox.Publisher = (*Publisher)(nil)

// NewPublisher returns a Publisher writing to the streams keys names.
func NewPublisher(rdb redis.UniversalClient, keys Keys, cfg PublisherConfig) *Publisher {
	cfg.setDefaults()
	return &Publisher{rdb: rdb, keys: keys, cfg: cfg}
}

// Publish sends msgs in order, all in one pipeline. It returns nil only when
// Redis accepted every message; otherwise the whole batch should be retried
// (consumers deduplicate by message id).
func (p *Publisher) Publish(ctx context.Context, msgs []outbox.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	cmds, err := p.rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for _, m := range msgs {
			pipe.XAdd(ctx, p.xaddArgs(m))
		}
		return nil
	})
	for i, cmd := range cmds {
		if cerr := cmd.Err(); cerr != nil {
			m := msgs[i]
			return fmt.Errorf("publishing message %s (%s) to %s: %w", m.MessageID, m.Type, m.Stream, cerr)
		}
	}
	if err != nil {
		return fmt.Errorf("publishing %d messages: %w", len(msgs), err)
	}
	return nil
}

func (p *Publisher) xaddArgs(m outbox.Message) *redis.XAddArgs {
	return &redis.XAddArgs{
		Stream: p.keys.Stream(m.Stream),
		MaxLen: p.cfg.MaxLen,
		Approx: true,
		Values: []any{
			FieldMessageID, m.MessageID,
			FieldType, m.Type,
			FieldSagaID, m.PartitionKey,
			FieldEnvelope, m.Payload,
		},
	}
}
