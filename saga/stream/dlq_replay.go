package stream

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga"
)

// ErrReplayRefused is wrapped when Redis refuses to add a dead letter back
// to its stream (the key holds another type, say); the dead letter stays.
var ErrReplayRefused = errors.New("replay refused")

// replayScript adds the dead letter ARGV[1] of KEYS[2] to KEYS[1] with its
// original fields (those not named dlq_*), capped at about ARGV[2]
// entries, and deletes it only once the add succeeded: a failing XADD
// raises and ends the script before the XDEL. It returns the new entry's
// id, or nil when there is no such dead letter.
var replayScript = redis.NewScript(`
local found = redis.call('XRANGE', KEYS[2], ARGV[1], ARGV[1])
if #found == 0 then return false end
local fields, values = found[1][2], {}
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 4) ~= 'dlq_' then
    values[#values + 1] = fields[i]
    values[#values + 1] = fields[i + 1]
  end
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', unpack(values))
redis.call('XDEL', KEYS[2], ARGV[1])
return id
`)

// ReplayDLQ moves a dead letter back to its source stream as a new entry
// with the original fields, and deletes it from the dead-letter stream, in
// one script, so a dead letter is replayed at most once and is deleted only
// when it was added back. On sharded keys the entry goes back to the shard
// whose dead letters held it, the shard of its saga id, which shares the
// dead letters' slot. It returns the new entry's id (Keys.EntryID). Every
// group of the source stream receives the new entry; consumers deduplicate
// by message id. An unknown id is a wrapped saga.ErrNotFound, and so is a
// malformed one; an add Redis refuses is a wrapped ErrReplayRefused.
func ReplayDLQ(ctx context.Context, rdb redis.UniversalClient, keys Keys, stream, dlqEntryID string) (string, error) {
	newID, err := replay(ctx, rdb, keys, stream, dlqEntryID)
	if err != nil {
		return "", fmt.Errorf("replaying dead letter %s of %s: %w", dlqEntryID, stream, err)
	}
	return newID, nil
}

func replay(ctx context.Context, rdb redis.UniversalClient, keys Keys, stream, ref string) (string, error) {
	shard, id, err := keys.SplitEntryID(ref)
	if err != nil {
		return "", fmt.Errorf("%w: %w", err, saga.ErrNotFound)
	}
	dlq := keys.ShardDLQ(stream, shard)
	target, err := replayTarget(ctx, rdb, keys, stream, shard, id)
	if err != nil {
		return "", err
	}
	newID, err := replayScript.Run(ctx, rdb, []string{keys.ShardStream(target, shard), dlq}, id, DefaultMaxLen).Text()
	switch {
	case errors.Is(err, redis.Nil):
		return "", saga.ErrNotFound // replayed meanwhile
	case IsPermanent(err):
		return "", fmt.Errorf("%w: %w", ErrReplayRefused, err)
	case err != nil:
		return "", err
	}
	return keys.EntryID(shard, newID), nil
}

// replayTarget is the logical stream a dead letter of stream goes back
// to: the stream itself, or for a dead letter of Outbox the stream it was
// bound for (its dlq_stream).
func replayTarget(ctx context.Context, rdb redis.UniversalClient, keys Keys, stream string, shard int, id string) (string, error) {
	xms, err := rdb.XRange(ctx, keys.ShardDLQ(stream, shard), id, id).Result()
	if redis.HasErrorPrefix(err, "Invalid stream ID") {
		return "", fmt.Errorf("malformed id: %w", saga.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("reading dead letter: %w", err)
	}
	if len(xms) == 0 {
		return "", saga.ErrNotFound
	}
	if stream != Outbox {
		return stream, nil
	}
	bound, _ := xms[0].Values[FieldDLQStream].(string)
	if bound == "" {
		return "", fmt.Errorf("%w: the outbox dead letter names no %s", ErrReplayRefused, FieldDLQStream)
	}
	return bound, nil
}
