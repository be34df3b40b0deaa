package pg

import (
	"context"
	"fmt"
	"time"
)

// Inbox retention defaults.
const (
	// DefaultInboxRetention is how long inbox ids are kept by default.
	DefaultInboxRetention = 7 * 24 * time.Hour
	// DefaultInboxPruneBatch is how many inbox rows one DELETE removes.
	DefaultInboxPruneBatch = 1000
	// InboxPruneInterval is how often services prune their inbox.
	InboxPruneInterval = time.Minute
)

// PruneInbox deletes at most batch inbox rows recorded before olderThan, in
// one statement, and returns how many it deleted. Fewer than batch means
// nothing older is left (except rows a concurrent pruner holds). db is
// normally the pool, so that each batch commits on its own and holds locks
// on at most batch rows.
func PruneInbox(ctx context.Context, db DBTX, olderThan time.Time, batch int) (int64, error) {
	if batch <= 0 {
		return 0, fmt.Errorf("pruning inbox: batch %d is not positive", batch)
	}
	tag, err := db.Exec(ctx, sqlPruneInbox, olderThan, batch)
	if err != nil {
		return 0, fmt.Errorf("pruning inbox rows older than %s: %w", olderThan.Format(time.RFC3339), err)
	}
	return tag.RowsAffected(), nil
}

// InboxRetention prunes a service's inbox: the ids of messages handled
// longer than Keep ago are deleted.
//
// That is safe because a message older than the retention can no longer
// arrive as a duplicate. The sender deletes an outbox row as soon as it is
// published, so a row is published twice only after a crash between the
// two, seconds apart. A consumer group hands an entry out again only while
// it is unacknowledged, which after a commit lasts CLAIM_MIN_IDLE at most;
// an acknowledged entry is never handed out again, and streams are capped
// at about a million entries (MAXLEN ~), so old entries do not stay around
// to be replayed: under load they are trimmed long before a retention of
// days runs out. The orchestrator resends a command whose reply is overdue within minutes and
// gives up on the step after its attempts. Keep must therefore stay far
// above those delays and above the longest time an entry can stay pending
// in Redis (an outage, say). Even past it, an old message replayed from a
// dead-letter stream still meets the engine's own checks: a saga id that
// exists starts nothing, a reply for a step not in flight is ignored, and a
// participant's barrier answers a repeated command with its first reply.
type InboxRetention struct {
	// DB is the service's pool. Required.
	DB DBTX
	// Keep is how long an id is kept.
	// Optional: default DefaultInboxRetention (7 days).
	Keep time.Duration
	// Batch is how many rows one DELETE removes.
	// Optional: default DefaultInboxPruneBatch (1000).
	Batch int
	// Now is the clock. Optional: default time.Now.
	Now func() time.Time
}

// Prune deletes every id older than Keep, batch by batch, until a batch
// comes back short or ctx is done. It returns how many rows it deleted,
// also when it stopped with an error.
func (r InboxRetention) Prune(ctx context.Context) (int64, error) {
	if r.DB == nil || r.Keep < 0 {
		return 0, fmt.Errorf("pruning inbox: need a DB and a positive retention, got %s", r.Keep)
	}
	batch, olderThan := r.batch(), r.now().Add(-r.keep())
	var total int64
	for {
		n, err := PruneInbox(ctx, r.DB, olderThan, batch)
		total += n
		if err != nil || n < int64(batch) {
			return total, err
		}
	}
}

// Pass is Prune in the shape of a periodic component's pass.
func (r InboxRetention) Pass(ctx context.Context) error {
	_, err := r.Prune(ctx)
	return err
}

func (r InboxRetention) keep() time.Duration {
	if r.Keep == 0 {
		return DefaultInboxRetention
	}
	return r.Keep
}

func (r InboxRetention) batch() int {
	if r.Batch <= 0 {
		return DefaultInboxPruneBatch
	}
	return r.Batch
}

func (r InboxRetention) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}
