package stream

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// refusal is a message Redis refused for good, and its answer.
type refusal struct {
	msg outbox.Message
	err error
}

// deadLetter adds the refused messages to the dead-letter stream of
// Outbox (on sharded keys, of the message's shard), all in one pipeline. Its entries carry the fields the message
// would have had, and dlq_reason, dlq_stream (the logical stream it was
// bound for), dlq_id (its outbox row id) and dlq_at.
func (p *Publisher) deadLetter(ctx context.Context, refused []refusal) error {
	if len(refused) == 0 {
		return nil
	}
	cmds, err := p.rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for _, r := range refused {
			pipe.XAdd(ctx, &redis.XAddArgs{
				Stream: p.keys.ShardDLQ(Outbox, p.shardOf(r.msg)), MaxLen: p.cfg.MaxLen, Approx: true,
				Values: refusedValues(r),
			})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("dead-lettering %d refused messages: %w", len(refused), err)
	}
	for i, r := range refused {
		p.logRefusal(r, cmds[i].(*redis.StringCmd).Val())
	}
	return nil
}

func refusedValues(r refusal) []any {
	return append(entryValues(r.msg),
		FieldDLQReason, r.err.Error(),
		FieldDLQStream, r.msg.Stream,
		FieldDLQID, strconv.FormatInt(r.msg.ID, 10),
		FieldDLQAt, time.Now().UTC().Format(time.RFC3339Nano),
	)
}

func (p *Publisher) logRefusal(r refusal, entryID string) {
	p.cfg.Logger.WithError(r.err).WithFields(map[string]any{
		"message_id": r.msg.MessageID, "saga_id": r.msg.PartitionKey, "type": r.msg.Type,
		"stream": r.msg.Stream, "dlq_entry_id": entryID,
	}).Warn("Redis refused an outbox message; moved to the dead-letter stream " + Outbox + DLQSuffix)
}
