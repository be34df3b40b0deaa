package stream

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga"
)

// DefaultListDLQCount is how many dead letters ListDLQ returns when asked
// for zero or fewer.
const DefaultListDLQCount = 100

// DeadLetter is one entry of a dead-letter stream.
type DeadLetter struct {
	// ID is the dead-letter entry's id; ReplayDLQ takes it.
	ID string
	// Stream is the logical source stream.
	Stream string
	// SourceID is the entry's id in the source stream.
	SourceID string
	// Group is the logical consumer group that gave up on the entry.
	Group string
	// Reason says why: a permanent error or too many deliveries.
	Reason string
	// Deliveries is how many times the group's handlers got the entry.
	Deliveries int64
	// At is when the entry was dead-lettered (zero if unparseable).
	At time.Time
	// Fields are the original entry's fields, without the dlq_* ones.
	Fields map[string]string
}

// ListDLQ returns up to count dead letters of a logical stream, newest first.
func ListDLQ(ctx context.Context, rdb redis.UniversalClient, keys Keys, stream string, count int64) ([]DeadLetter, error) {
	if count <= 0 {
		count = DefaultListDLQCount
	}
	xms, err := rdb.XRevRangeN(ctx, keys.DLQ(stream), "+", "-", count).Result()
	if err != nil {
		return nil, fmt.Errorf("listing dead letters of %s: %w", stream, err)
	}
	out := make([]DeadLetter, 0, len(xms))
	for _, xm := range xms {
		out = append(out, parseDeadLetter(xm))
	}
	return out, nil
}

func parseDeadLetter(xm redis.XMessage) DeadLetter {
	all := stringFields(xm.Values)
	dl := DeadLetter{
		ID: xm.ID, Stream: all[FieldDLQStream], SourceID: all[FieldDLQID],
		Group: all[FieldDLQGroup], Reason: all[FieldDLQReason],
		Fields: make(map[string]string, len(all)),
	}
	dl.Deliveries, _ = strconv.ParseInt(all[FieldDLQDeliveries], 10, 64)
	dl.At, _ = time.Parse(time.RFC3339Nano, all[FieldDLQAt])
	for k, v := range all {
		if !strings.HasPrefix(k, dlqFieldPrefix) {
			dl.Fields[k] = v
		}
	}
	return dl
}

// replayAttempts bounds the optimistic retries of ReplayDLQ when the
// dead-letter stream changes under it.
const replayAttempts = 5

// ReplayDLQ moves a dead letter back to its source stream as a new entry
// with the original fields, and deletes it from the dead-letter stream, in
// one MULTI guarded by WATCH, so a dead letter is replayed at most once. It
// returns the new entry's id. Every group of the source stream receives the
// new entry; consumers deduplicate by message id. An unknown id is a
// wrapped saga.ErrNotFound, and so is a malformed one.
func ReplayDLQ(ctx context.Context, rdb redis.UniversalClient, keys Keys, stream, dlqEntryID string) (string, error) {
	dlqKey := keys.DLQ(stream)
	for range replayAttempts {
		var newID string
		err := rdb.Watch(ctx, func(tx *redis.Tx) error {
			var err error
			newID, err = replayTx(ctx, tx, keys.Stream(stream), dlqKey, dlqEntryID)
			return err
		}, dlqKey)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("replaying dead letter %s of %s: %w", dlqEntryID, stream, err)
		}
		return newID, nil
	}
	return "", fmt.Errorf("replaying dead letter %s of %s: dead-letter stream kept changing", dlqEntryID, stream)
}

// replayTx runs inside WATCH of the dead-letter stream.
func replayTx(ctx context.Context, tx *redis.Tx, streamKey, dlqKey, id string) (string, error) {
	xms, err := tx.XRange(ctx, dlqKey, id, id).Result()
	if redis.HasErrorPrefix(err, "Invalid stream ID") {
		return "", fmt.Errorf("malformed id: %w", saga.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("reading dead letter: %w", err)
	}
	if len(xms) == 0 {
		return "", saga.ErrNotFound
	}
	var add *redis.StringCmd
	_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		add = pipe.XAdd(ctx, &redis.XAddArgs{
			Stream: streamKey, MaxLen: DefaultMaxLen, Approx: true,
			Values: originalValues(stringFields(xms[0].Values)),
		})
		pipe.XDel(ctx, dlqKey, id)
		return nil
	})
	if err != nil {
		return "", err
	}
	return add.Val(), nil
}
