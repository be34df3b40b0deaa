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
	// ID is the dead-letter entry's id (Keys.EntryID: on sharded keys it
	// names the shard); GetDLQ and ReplayDLQ take it.
	ID string
	// Stream is the logical source stream.
	Stream string
	// Shard is the shard whose dead letters hold the entry; 0 on unsharded
	// keys.
	Shard int
	// SourceID is the entry's id in the source stream, naming its shard as
	// ID does; for a dead letter of Outbox, the outbox row's id.
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
	// DLQFields are the dlq_* fields as stored.
	DLQFields map[string]string
}

// ListDLQ returns up to count dead letters of a logical stream, newest
// first; on sharded keys, the newest of every shard's.
func ListDLQ(ctx context.Context, rdb redis.UniversalClient, keys Keys, stream string, count int64) ([]DeadLetter, error) {
	shards := make([]int, keys.ShardCount())
	for i := range shards {
		shards[i] = i
	}
	return listShards(ctx, rdb, keys, stream, shards, count)
}

// ListShardDLQ returns up to count dead letters of one shard of a logical
// stream, newest first. A shard out of range is an error.
func ListShardDLQ(ctx context.Context, rdb redis.UniversalClient, keys Keys, stream string, shard int, count int64) ([]DeadLetter, error) {
	if shard < 0 || shard >= keys.ShardCount() {
		return nil, fmt.Errorf("listing dead letters of %s: shard %d: %w (0 to %d)", stream, shard, errNoShard, keys.ShardCount()-1)
	}
	return listShards(ctx, rdb, keys, stream, []int{shard}, count)
}

// listShards reads up to count dead letters of each shard in one pipeline
// and merges them, newest first.
func listShards(ctx context.Context, rdb redis.UniversalClient, keys Keys, stream string, shards []int, count int64) ([]DeadLetter, error) {
	if count <= 0 {
		count = DefaultListDLQCount
	}
	cmds := make([]*redis.XMessageSliceCmd, len(shards))
	_, err := rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for i, shard := range shards {
			cmds[i] = pipe.XRevRangeN(ctx, keys.ShardDLQ(stream, shard), "+", "-", count)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("listing dead letters of %s: %w", stream, err)
	}
	lists := make([][]DeadLetter, len(shards))
	for i, cmd := range cmds {
		for _, xm := range cmd.Val() {
			lists[i] = append(lists[i], parseDeadLetter(keys, stream, shards[i], xm))
		}
	}
	return mergeNewest(lists, int(count)), nil
}

// parseDeadLetter reads a dead letter of stream's shard. Its source id
// names the shard too, but for a dead letter of Outbox, whose source id is
// its outbox row's.
func parseDeadLetter(keys Keys, stream string, shard int, xm redis.XMessage) DeadLetter {
	all := stringFields(xm.Values)
	dl := DeadLetter{
		ID: keys.EntryID(shard, xm.ID), Stream: all[FieldDLQStream], Shard: shard,
		Group: all[FieldDLQGroup], Reason: all[FieldDLQReason],
		Fields: make(map[string]string, len(all)), DLQFields: map[string]string{},
	}
	if src := all[FieldDLQID]; src != "" && stream != Outbox {
		dl.SourceID = keys.EntryID(shard, src)
	} else {
		dl.SourceID = src
	}
	dl.Deliveries, _ = strconv.ParseInt(all[FieldDLQDeliveries], 10, 64)
	dl.At, _ = time.Parse(time.RFC3339Nano, all[FieldDLQAt])
	for k, v := range all {
		if strings.HasPrefix(k, dlqFieldPrefix) {
			dl.DLQFields[k] = v
		} else {
			dl.Fields[k] = v
		}
	}
	return dl
}

// GetDLQ returns one dead letter of a logical stream. An unknown id is a
// wrapped saga.ErrNotFound, and so is a malformed one.
func GetDLQ(ctx context.Context, rdb redis.UniversalClient, keys Keys, stream, id string) (DeadLetter, error) {
	shard, entry, err := keys.SplitEntryID(id)
	if err != nil {
		return DeadLetter{}, fmt.Errorf("dead letter %s of %s: %w: %w", id, stream, err, saga.ErrNotFound)
	}
	xms, err := rdb.XRange(ctx, keys.ShardDLQ(stream, shard), entry, entry).Result()
	switch {
	case redis.HasErrorPrefix(err, "Invalid stream ID"):
		return DeadLetter{}, fmt.Errorf("dead letter %s of %s: malformed id: %w", id, stream, saga.ErrNotFound)
	case err != nil:
		return DeadLetter{}, fmt.Errorf("reading dead letter %s of %s: %w", id, stream, err)
	case len(xms) == 0:
		return DeadLetter{}, fmt.Errorf("dead letter %s of %s: %w", id, stream, saga.ErrNotFound)
	}
	return parseDeadLetter(keys, stream, shard, xms[0]), nil
}
