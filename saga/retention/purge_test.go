package retention_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/retention"
)

// table is a fake table: rows deleted oldest first, a batch at a time.
type table struct {
	left    int64
	calls   []time.Time
	batches []int
	fail    error
}

func (tb *table) delete(_ context.Context, olderThan time.Time, batch int) (int64, error) {
	tb.calls, tb.batches = append(tb.calls, olderThan), append(tb.batches, batch)
	if tb.fail != nil && len(tb.calls) == 2 {
		return 1, tb.fail
	}
	n := min(tb.left, int64(batch))
	tb.left -= n
	return n, nil
}

func newPurge(tb *table) (retention.Purge, *test.Hook, prometheus.Counter) {
	log, hook := test.NewNullLogger()
	deleted := prometheus.NewCounter(prometheus.CounterOpts{Name: "deleted_total", Help: "Rows deleted."})
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	return retention.Purge{What: "finished sagas", Delete: tb.delete, Keep: 30 * 24 * time.Hour, Batch: 3,
		Now: func() time.Time { return now }, Log: logrus.NewEntry(log), Deleted: deleted}, hook, deleted
}

// A pass deletes batch after batch until one comes back short, at the
// cut-off of its clock, then counts the rows and logs one line.
func TestPurgeRunsBatchesUntilAShortOne(t *testing.T) {
	tb := &table{left: 7}
	p, hook, deleted := newPurge(tb)
	n, err := p.Run(t.Context())
	require.NoError(t, err)
	require.EqualValues(t, 7, n)
	require.Equal(t, []int{3, 3, 3}, tb.batches, "3 + 3 + 1: the short batch ends the pass")
	cutoff := time.Date(2026, 1, 30, 12, 0, 0, 0, time.UTC)
	for _, at := range tb.calls {
		require.Equal(t, cutoff, at)
	}
	require.InDelta(t, 7, testutil.ToFloat64(deleted), 0)
	require.Len(t, hook.AllEntries(), 1)
	line := hook.LastEntry()
	require.Equal(t, logrus.InfoLevel, line.Level)
	require.Equal(t, "purged 7 finished sagas", line.Message)
	require.EqualValues(t, 7, line.Data["purged"])
	require.Equal(t, "2026-01-30T12:00:00Z", line.Data["older_than"])

	hook.Reset()
	require.NoError(t, p.Pass(t.Context()), "a pass with nothing to delete")
	require.Empty(t, hook.AllEntries(), "says nothing")
	require.InDelta(t, 7, testutil.ToFloat64(deleted), 0)
}

// A batch that fails ends the pass with the error; what was deleted before
// is counted.
func TestPurgeStopsAtAnError(t *testing.T) {
	boom := errors.New("connection reset")
	tb := &table{left: 10, fail: boom}
	p, hook, deleted := newPurge(tb)
	n, err := p.Run(t.Context())
	require.ErrorIs(t, err, boom)
	require.ErrorContains(t, err, "purging finished sagas older than 2026-01-30T12:00:00Z")
	require.EqualValues(t, 4, n)
	require.InDelta(t, 4, testutil.ToFloat64(deleted), 0)
	require.Len(t, hook.AllEntries(), 1)
}

// A pass ends when its context does, between batches.
func TestPurgeStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	tb := &table{left: 100}
	p, _, deleted := newPurge(tb)
	p.Delete = func(ctx context.Context, olderThan time.Time, batch int) (int64, error) {
		cancel()
		return tb.delete(ctx, olderThan, batch)
	}
	n, err := p.Run(ctx)
	require.ErrorIs(t, err, context.Canceled)
	require.EqualValues(t, 3, n)
	require.InDelta(t, 3, testutil.ToFloat64(deleted), 0)
}

func TestPurgeNeedsADeleteAndARetention(t *testing.T) {
	p, _, _ := newPurge(&table{})
	for _, keep := range []time.Duration{0, retention.Off} {
		p.Keep = keep
		_, err := p.Run(t.Context())
		require.ErrorContains(t, err, "positive retention")
	}
	_, err := retention.Purge{What: "x", Keep: time.Hour}.Run(t.Context())
	require.ErrorContains(t, err, "need a delete function")
}

// Without Batch, a purge deletes DefaultBatch rows a transaction.
func TestPurgeDefaultBatch(t *testing.T) {
	tb := &table{left: 1}
	_, err := retention.Purge{What: "x", Delete: tb.delete, Keep: time.Hour}.Run(t.Context())
	require.NoError(t, err)
	require.Equal(t, []int{retention.DefaultBatch}, tb.batches)
}
