package transport

import (
	"context"
	"time"
)

// Backlog is how far one consumer group is behind on one part of a
// stream: the messages published that it has not been handed yet.
type Backlog struct {
	// Stream is the logical stream.
	Stream string
	// Group is the logical consumer group.
	Group string
	// Part names the part of the stream (a shard key) the figures are
	// about; "" when the stream is one part.
	Part string
	// Position marks the last message handed to the group; it changes
	// whenever the group is handed a message it had not been handed
	// before, and only then.
	Position string
	// Waiting is how many messages wait to be handed to the group, -1 when
	// the transport cannot count them (there is at least one then when
	// OldestWaitingSince is set).
	Waiting int64
	// OldestWaitingSince is when the oldest message waiting was published;
	// zero when none waits.
	OldestWaitingSince time.Time
}

// BacklogReader is a transport that can tell how far behind the consumer
// groups of a stream are. It is optional: the admission of new sagas
// (saga/admission) needs it.
type BacklogReader interface {
	// Backlogs returns one Backlog per consumer group and part of each
	// logical stream, reading them all at once where it can; none for a
	// stream that does not exist or has no group.
	Backlogs(ctx context.Context, streams ...string) ([]Backlog, error)
}
