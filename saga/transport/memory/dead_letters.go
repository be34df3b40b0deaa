package memory

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// List returns up to opts.Limit dead letters of stream, newest first. A
// stream has one shard, 0.
func (t *Transport) List(ctx context.Context, stream string, opts transport.ListOpts) ([]transport.DeadLetter, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("listing dead letters of %s: %w", stream, err)
	}
	if opts.Shard != nil && *opts.Shard != 0 {
		return nil, fmt.Errorf("listing dead letters of %s: shard %d: %w (the stream has shard 0 only)", stream, *opts.Shard, transport.ErrNoShard)
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = transport.DefaultListLimit
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	dead := t.stream(stream).dead
	out := make([]transport.DeadLetter, 0, min(limit, len(dead)))
	for i := len(dead) - 1; i >= 0 && len(out) < limit; i-- {
		out = append(out, cloneDeadLetter(dead[i]))
	}
	return out, nil
}

// Get returns one dead letter of stream.
func (t *Transport) Get(ctx context.Context, stream, id string) (transport.DeadLetter, error) {
	if err := ctx.Err(); err != nil {
		return transport.DeadLetter{}, fmt.Errorf("reading dead letter %s of %s: %w", id, stream, err)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.stream(stream)
	i := s.findDead(id)
	if i < 0 {
		return transport.DeadLetter{}, fmt.Errorf("dead letter %s of %s: %w", id, stream, transport.ErrNotFound)
	}
	return cloneDeadLetter(s.dead[i]), nil
}

// Replay appends a dead letter's original fields to its stream as a new
// message and removes the dead letter.
func (t *Transport) Replay(ctx context.Context, stream, id string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("replaying dead letter %s of %s: %w", id, stream, err)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.stream(stream)
	i := s.findDead(id)
	if i < 0 {
		return "", fmt.Errorf("replaying dead letter %s of %s: %w", id, stream, transport.ErrNotFound)
	}
	newID := t.appendEntry(stream, cloneFields(s.dead[i].Fields))
	s.dead = slices.Delete(s.dead, i, i+1)
	t.notify()
	return newID, nil
}

func (s *streamLog) findDead(id string) int {
	return slices.IndexFunc(s.dead, func(d transport.DeadLetter) bool { return d.ID == id })
}

func cloneDeadLetter(d transport.DeadLetter) transport.DeadLetter {
	d.Fields, d.Meta = maps.Clone(d.Fields), maps.Clone(d.Meta)
	return d
}
