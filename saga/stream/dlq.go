package stream

import (
	"context"
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
	// DLQFields are the dlq_* fields as stored.
	DLQFields map[string]string
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
		Fields: make(map[string]string, len(all)), DLQFields: map[string]string{},
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
	xms, err := rdb.XRange(ctx, keys.DLQ(stream), id, id).Result()
	switch {
	case redis.HasErrorPrefix(err, "Invalid stream ID"):
		return DeadLetter{}, fmt.Errorf("dead letter %s of %s: malformed id: %w", id, stream, saga.ErrNotFound)
	case err != nil:
		return DeadLetter{}, fmt.Errorf("reading dead letter %s of %s: %w", id, stream, err)
	case len(xms) == 0:
		return DeadLetter{}, fmt.Errorf("dead letter %s of %s: %w", id, stream, saga.ErrNotFound)
	}
	return parseDeadLetter(xms[0]), nil
}
