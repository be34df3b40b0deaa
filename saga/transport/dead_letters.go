package transport

import (
	"context"
	"errors"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// ErrNotFound is wrapped when a dead letter does not exist, including when
// its id is malformed. It is saga.ErrNotFound, so callers may test either.
var ErrNotFound = saga.ErrNotFound

// ErrNoShard is wrapped when a dead-letter listing names a shard the
// stream does not have.
var ErrNoShard = errors.New("no such shard")

// ErrReplayRefused is wrapped when the broker refuses to put a dead letter
// back on its stream; the dead letter stays.
var ErrReplayRefused = errors.New("replay refused")

// DefaultListLimit is how many dead letters List returns when
// ListOpts.Limit is zero or less.
const DefaultListLimit = 100

// DeadLetter is a message a consumer group gave up on, or one the broker
// refused to accept.
type DeadLetter struct {
	// ID identifies the dead letter within its stream's dead letters;
	// Get and Replay take it. It is opaque.
	ID string
	// Stream is the logical stream the message came from.
	Stream string
	// Shard is the shard of the stream whose dead letters hold the
	// message, on a transport that spreads a stream over shards; 0
	// otherwise, the one shard of such a stream.
	Shard int
	// SourceID is the message's id in that stream.
	SourceID string
	// Group is the logical consumer group that gave up on it.
	Group string
	// Reason says why: a permanent error, or too many deliveries with the
	// last error.
	Reason string
	// Deliveries is how many times the group's handlers got the message.
	Deliveries int64
	// At is when the message became a dead letter (zero if unknown).
	At time.Time
	// Fields are the message's original fields.
	Fields map[string]string
	// Meta holds the transport's own bookkeeping of the dead letter, as
	// stored; for display only.
	Meta map[string]string
}

// ListOpts are the optional settings of DeadLetters.List.
type ListOpts struct {
	// Limit is the most dead letters returned.
	// Optional: default DefaultListLimit (100).
	Limit int
	// Shard, when set, lists the dead letters of that shard of the stream
	// only; a stream that is not spread over shards has shard 0 alone.
	// Another shard wraps ErrNoShard. Optional: default every shard.
	Shard *int
}

// DeadLetters is the operator's view of the dead letters of each stream.
type DeadLetters interface {
	// List returns up to opts.Limit dead letters of a logical stream,
	// newest first: of every shard of the stream, merged, or of
	// opts.Shard.
	List(ctx context.Context, stream string, opts ListOpts) ([]DeadLetter, error)
	// Get returns one dead letter; an unknown id wraps ErrNotFound.
	Get(ctx context.Context, stream, id string) (DeadLetter, error)
	// Replay puts a dead letter back on its stream as a new message with
	// its original fields and removes it, at most once; every group of the
	// stream receives it again. It returns the new message's id. An
	// unknown id wraps ErrNotFound; a refusal wraps ErrReplayRefused.
	Replay(ctx context.Context, stream, id string) (string, error)
}
