package redisstream

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// List returns up to opts.Limit entries of the stream's dead-letter
// stream, newest first.
func (t *Transport) List(ctx context.Context, name string, opts transport.ListOpts) ([]transport.DeadLetter, error) {
	limit := opts.Limit
	if limit <= 0 {
		limit = transport.DefaultListLimit
	}
	dls, err := t.list(ctx, name, opts.Shard, int64(limit))
	if err != nil {
		return nil, err
	}
	out := make([]transport.DeadLetter, len(dls))
	for i, dl := range dls {
		out[i] = deadLetter(dl)
	}
	return out, nil
}

// list reads the dead letters of every shard, or of shard.
func (t *Transport) list(ctx context.Context, name string, shard *int, limit int64) ([]stream.DeadLetter, error) {
	if shard == nil {
		return stream.ListDLQ(ctx, t.rdb, t.keys, name, limit)
	}
	if *shard < 0 || *shard >= t.keys.ShardCount() {
		return nil, fmt.Errorf("listing dead letters of %s: shard %d: %w (0 to %d)", name, *shard, transport.ErrNoShard, t.keys.ShardCount()-1)
	}
	return stream.ListShardDLQ(ctx, t.rdb, t.keys, name, *shard, limit)
}

// Get returns one dead letter; an unknown or malformed id wraps
// transport.ErrNotFound.
func (t *Transport) Get(ctx context.Context, name, id string) (transport.DeadLetter, error) {
	if err := t.checkID(name, id); err != nil {
		return transport.DeadLetter{}, err
	}
	dl, err := stream.GetDLQ(ctx, t.rdb, t.keys, name, id)
	if err != nil {
		return transport.DeadLetter{}, err
	}
	return deadLetter(dl), nil
}

// Replay adds a dead letter back to its stream (for stream.Outbox, to the
// stream it was bound for) and deletes it, in one script. A malformed id
// wraps transport.ErrNotFound; a refusal wraps transport.ErrReplayRefused
// and reads as Redis's reason.
func (t *Transport) Replay(ctx context.Context, name, id string) (string, error) {
	if err := t.checkID(name, id); err != nil {
		return "", err
	}
	newID, err := stream.ReplayDLQ(ctx, t.rdb, t.keys, name, id)
	if errors.Is(err, stream.ErrReplayRefused) {
		return "", refused{err}
	}
	return newID, err
}

// refused is a replay Redis refused: transport.ErrReplayRefused with the
// stream package's message.
type refused struct{ err error }

func (r refused) Error() string   { return r.err.Error() }
func (r refused) Unwrap() []error { return []error{transport.ErrReplayRefused, r.err} }

// errEntryID says what a dead letter's id looks like.
var errEntryID = errors.New("an entry id looks like 1700000000000-0")

// checkID refuses an id that is not one whole entry id (after its shard on
// sharded keys), without asking Redis: Redis would read "123" as a range
// bound, not as one entry.
func (t *Transport) checkID(name, id string) error {
	_, entry, err := t.keys.SplitEntryID(id)
	if err != nil {
		return fmt.Errorf("dead letter of %s: %w: %w", name, err, transport.ErrNotFound)
	}
	ms, seq, ok := strings.Cut(entry, "-")
	_, errMS := strconv.ParseUint(ms, 10, 64)
	_, errSeq := strconv.ParseUint(seq, 10, 64)
	if !ok || errMS != nil || errSeq != nil {
		return fmt.Errorf("dead letter %q of %s: %w: %w", id, name, errEntryID, transport.ErrNotFound)
	}
	return nil
}

func deadLetter(dl stream.DeadLetter) transport.DeadLetter {
	return transport.DeadLetter{
		ID: dl.ID, Stream: dl.Stream, Shard: dl.Shard, SourceID: dl.SourceID, Group: dl.Group,
		Reason: dl.Reason, Deliveries: dl.Deliveries, At: dl.At,
		Fields: dl.Fields, Meta: dl.DLQFields,
	}
}
