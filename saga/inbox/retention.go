package inbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga/retention"
)

// Retention defaults.
const (
	// DefaultRetention is how long inbox ids are kept by default.
	DefaultRetention = 7 * 24 * time.Hour
	// DefaultPruneBatch is how many inbox rows one delete removes.
	DefaultPruneBatch = 1000
	// PruneInterval is how often services prune their inbox.
	PruneInterval = time.Minute
)

// PruneFunc deletes at most batch inbox rows recorded before olderThan, in
// one statement committed on its own, and returns how many it deleted.
// Fewer than batch means nothing older is left. Each driver has one.
type PruneFunc func(ctx context.Context, olderThan time.Time, batch int) (int64, error)

// Retention prunes a service's inbox: the ids of messages handled longer
// than Keep ago are deleted.
//
// That is safe because a message older than the retention can no longer
// arrive as a duplicate. The sender deletes an outbox row as soon as it is
// published, so a row is published twice only after a crash between the
// two, seconds apart. A consumer group hands an entry out again only while
// it is unacknowledged, which after a commit lasts CLAIM_MIN_IDLE at most;
// an acknowledged entry is never handed out again, and streams are capped
// at about a million entries (MAXLEN ~), so old entries do not stay around
// to be replayed: under load they are trimmed long before a retention of
// days runs out. The orchestrator resends a command whose reply is overdue
// within minutes and gives up on the step after its attempts. Keep must
// therefore stay far above those delays and above the longest time an
// entry can stay pending in Redis (an outage, say). Even past it, an old
// message replayed from a dead-letter stream still meets the engine's own
// checks: a saga id that exists starts nothing, a reply for a step not in
// flight is ignored, and a participant's barrier answers a repeated command
// with its first reply.
type Retention struct {
	// Prune is the driver's delete. Required.
	Prune PruneFunc
	// Keep is how long an id is kept.
	// Optional: default DefaultRetention (7 days).
	Keep time.Duration
	// Batch is how many rows one delete removes.
	// Optional: default DefaultPruneBatch (1000).
	Batch int
	// Now is the clock. Optional: default time.Now.
	Now func() time.Time
}

// Run deletes every id older than Keep, batch by batch, until a batch
// comes back short or ctx is done. It returns how many rows it deleted,
// also when it stopped with an error.
func (r Retention) Run(ctx context.Context) (int64, error) {
	if r.Prune == nil || r.Keep < 0 {
		return 0, fmt.Errorf("pruning inbox: need a prune function and a positive retention, got %s", r.Keep)
	}
	return retention.Drain(ctx, retention.DeleteFunc(r.Prune), r.now().Add(-r.keep()), r.batch())
}

// Pass is Run in the shape of a periodic component's pass.
func (r Retention) Pass(ctx context.Context) error {
	_, err := r.Run(ctx)
	return err
}

func (r Retention) keep() time.Duration {
	if r.Keep == 0 {
		return DefaultRetention
	}
	return r.Keep
}

func (r Retention) batch() int {
	if r.Batch <= 0 {
		return DefaultPruneBatch
	}
	return r.Batch
}

func (r Retention) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}

// ErrBadBatch is returned by a PruneFunc given a batch size below 1.
var ErrBadBatch = errors.New("pruning inbox: batch size is not positive")
