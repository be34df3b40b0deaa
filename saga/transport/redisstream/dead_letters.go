package redisstream

import (
	"context"
	"errors"
	"fmt"

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
	dls, err := stream.ListDLQ(ctx, t.rdb, t.keys, name, int64(limit))
	if err != nil {
		return nil, err
	}
	out := make([]transport.DeadLetter, len(dls))
	for i, dl := range dls {
		out[i] = deadLetter(dl)
	}
	return out, nil
}

// Get returns one dead letter; an unknown or malformed id wraps
// transport.ErrNotFound.
func (t *Transport) Get(ctx context.Context, name, id string) (transport.DeadLetter, error) {
	dl, err := stream.GetDLQ(ctx, t.rdb, t.keys, name, id)
	if err != nil {
		return transport.DeadLetter{}, err
	}
	return deadLetter(dl), nil
}

// Replay adds a dead letter back to its stream (for stream.Outbox, to the
// stream it was bound for) and deletes it, in one script.
func (t *Transport) Replay(ctx context.Context, name, id string) (string, error) {
	newID, err := stream.ReplayDLQ(ctx, t.rdb, t.keys, name, id)
	if errors.Is(err, stream.ErrReplayRefused) {
		return "", fmt.Errorf("%w: %w", transport.ErrReplayRefused, err)
	}
	return newID, err
}

func deadLetter(dl stream.DeadLetter) transport.DeadLetter {
	return transport.DeadLetter{
		ID: dl.ID, Stream: dl.Stream, SourceID: dl.SourceID, Group: dl.Group,
		Reason: dl.Reason, Deliveries: dl.Deliveries, At: dl.At,
		Fields: dl.Fields, Meta: dl.DLQFields,
	}
}
