package retention

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sirupsen/logrus"
)

// Defaults of a purge.
const (
	// DefaultSagaRetention is how long finished sagas are kept by default
	// (SAGA_RETENTION): 30 days.
	DefaultSagaRetention = 30 * 24 * time.Hour
	// DefaultBatch is how many rows (sagas, with their history) one
	// transaction of a purge deletes.
	DefaultBatch = 500
	// Interval is how often services run their purges.
	Interval = time.Minute
	// Off, as a retention, keeps everything: no purge runs. Every negative
	// retention means the same.
	Off time.Duration = -1
)

// DeleteFunc deletes at most batch rows older than olderThan, in a
// transaction of its own, and returns how many it deleted. Fewer than
// batch means nothing older is left. Each driver has one per table.
type DeleteFunc func(ctx context.Context, olderThan time.Time, batch int) (int64, error)

// Drain calls del until a batch comes back short or ctx is done, and
// returns how many rows it deleted in all, also when it stopped with an
// error.
func Drain(ctx context.Context, del DeleteFunc, olderThan time.Time, batch int) (int64, error) {
	var total int64
	for {
		n, err := del(ctx, olderThan, batch)
		total += n
		if err != nil || n < int64(batch) {
			return total, err
		}
		if ctx.Err() != nil {
			return total, ctx.Err()
		}
	}
}

// Purge deletes the rows older than Keep of one kind, batch by batch.
type Purge struct {
	// What names the rows in logs and errors ("finished sagas"). Required.
	What string
	// Delete is the driver's delete. Required.
	Delete DeleteFunc
	// Keep is how long rows are kept. Required: positive (a retention
	// that is Off runs no purge at all).
	Keep time.Duration
	// Batch is how many rows one transaction deletes.
	// Optional: default DefaultBatch (500).
	Batch int
	// Now is the clock. Optional: default time.Now.
	Now func() time.Time
	// Log gets one line per pass that deleted something. Optional.
	Log *logrus.Entry
	// Deleted counts the rows deleted. Optional.
	Deleted prometheus.Counter
}

// Run deletes every row older than Keep, batch by batch, until a batch
// comes back short or ctx is done, then counts and logs what it deleted.
// It returns how many rows it deleted, also when it stopped with an error.
func (p Purge) Run(ctx context.Context) (int64, error) {
	if p.Delete == nil || p.Keep <= 0 {
		return 0, fmt.Errorf("purging %s: need a delete function and a positive retention, got %s", p.What, p.Keep)
	}
	olderThan := p.now().Add(-p.Keep)
	n, err := Drain(ctx, p.Delete, olderThan, p.batch())
	if n > 0 {
		p.report(n, olderThan)
	}
	if err != nil {
		return n, fmt.Errorf("purging %s older than %s: %w", p.What, olderThan.Format(time.RFC3339), err)
	}
	return n, nil
}

// Pass is Run in the shape of a periodic component's pass.
func (p Purge) Pass(ctx context.Context) error {
	_, err := p.Run(ctx)
	return err
}

// report counts n rows deleted and logs them.
func (p Purge) report(n int64, olderThan time.Time) {
	if p.Deleted != nil {
		p.Deleted.Add(float64(n))
	}
	if p.Log != nil {
		p.Log.WithFields(logrus.Fields{"purged": n, "older_than": olderThan.UTC().Format(time.RFC3339)}).
			Infof("purged %d %s", n, p.What)
	}
}

func (p Purge) batch() int {
	if p.Batch <= 0 {
		return DefaultBatch
	}
	return p.Batch
}

func (p Purge) now() time.Time {
	if p.Now == nil {
		return time.Now()
	}
	return p.Now()
}
