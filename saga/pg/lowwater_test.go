package pg_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg"
)

func less(a, b int64) bool { return a < b }

var t0 = time.Unix(1000, 0)

func at(d time.Duration) time.Time { return t0.Add(d) }

// small is a LowWater with lags of one second and ten seconds, a deep pass
// every minute and a full one every hour.
func small() *pg.LowWater[int64] {
	return pg.NewLowWater(pg.LowWaterConfig{Lag: time.Second, DeepLag: 10 * time.Second,
		DeepEvery: time.Minute, FullEvery: time.Hour}, less)
}

// requireStart checks what a pass starting at now is told.
func requireStart(t *testing.T, w *pg.LowWater[int64], now time.Time, from int64, pass pg.Pass) {
	t.Helper()
	gotFrom, gotPass := w.Start(now)
	require.Equal(t, pass, gotPass, "pass at %s", now.Sub(t0))
	require.Equal(t, from, gotFrom, "mark at %s", now.Sub(t0))
}

// Passes read from the start until a sample is Lag old, then from the
// newest sample at least Lag old.
func TestLowWaterQuickPassesReadFromASampleLagOld(t *testing.T) {
	w := small()
	requireStart(t, w, t0, 0, pg.FullPass)
	w.Seen(t0, 10, pg.FullPass)
	requireStart(t, w, at(500*time.Millisecond), 0, pg.FullPass)
	w.Seen(at(500*time.Millisecond), 40, pg.FullPass) // within Lag: the sample at t0 keeps 10

	requireStart(t, w, at(time.Second), 10, pg.QuickPass)
	w.Seen(at(time.Second), 50, pg.QuickPass)
	requireStart(t, w, at(1500*time.Millisecond), 10, pg.QuickPass)
	requireStart(t, w, at(2*time.Second), 50, pg.QuickPass)
}

// A sample takes the lowest value seen within Lag of it.
func TestLowWaterSampleTakesTheLowestValueWithinLag(t *testing.T) {
	w := small()
	w.Seen(t0, 30, pg.FullPass)
	w.Seen(at(100*time.Millisecond), 20, pg.FullPass)
	w.Seen(at(200*time.Millisecond), 25, pg.FullPass)
	requireStart(t, w, at(time.Second), 20, pg.QuickPass)
}

// Every DeepEvery a pass reads from the newest sample at least DeepLag
// old (from the start while there is none), and every FullEvery from the
// start.
func TestLowWaterDeepAndFullPasses(t *testing.T) {
	w := small()
	w.Seen(t0, 1, pg.FullPass)
	for s := 1; s < 60; s++ {
		from, pass := w.Start(at(time.Duration(s) * time.Second))
		require.Equal(t, pg.QuickPass, pass)
		require.EqualValues(t, s, from, "the sample at %d s", s-1)
		w.Seen(at(time.Duration(s)*time.Second), int64(s+1), pass)
	}
	requireStart(t, w, at(time.Minute), 51, pg.DeepPass) // the sample at 50 s
	w.Seen(at(time.Minute), 61, pg.DeepPass)
	requireStart(t, w, at(61*time.Second), 61, pg.QuickPass)
	requireStart(t, w, at(2*time.Minute), 61, pg.DeepPass) // the newest sample 10 s old or more
	requireStart(t, w, at(time.Hour), 0, pg.FullPass)
	w.Seen(at(time.Hour), 5, pg.FullPass)
	requireStart(t, w, at(time.Hour+time.Second), 5, pg.QuickPass)
	requireStart(t, w, at(time.Hour+time.Minute), 5, pg.DeepPass) // the full pass's sample
}

// The first deep pass, with no sample DeepLag old yet, reads from the
// start.
func TestLowWaterDeepPassWithoutAnOldSampleIsFull(t *testing.T) {
	w := pg.NewLowWater(pg.LowWaterConfig{Lag: time.Second, DeepLag: 5 * time.Minute,
		DeepEvery: time.Minute, FullEvery: time.Hour}, less)
	w.Seen(t0, 1, pg.FullPass)
	w.Seen(at(30*time.Second), 2, pg.QuickPass)
	requireStart(t, w, at(time.Minute), 0, pg.FullPass)
}

// A clock that goes back (a test's, or one set back by hand) gets full
// passes until it is past the newest sample again.
func TestLowWaterReadsFromTheStartWhenTheClockWentBack(t *testing.T) {
	w := small()
	w.Seen(t0, 1, pg.FullPass)
	w.Seen(at(time.Second), 2, pg.QuickPass)
	requireStart(t, w, at(time.Second), 1, pg.QuickPass)
	requireStart(t, w, at(time.Second-time.Nanosecond), 0, pg.FullPass)
}

func TestNilLowWaterAlwaysReadsFromTheStart(t *testing.T) {
	var w *pg.LowWater[time.Time]
	w.Seen(time.Now(), time.Now(), pg.QuickPass)
	from, pass := w.Start(time.Now())
	require.Equal(t, pg.FullPass, pass)
	require.True(t, from.IsZero())
}

func TestLowWaterDefaults(t *testing.T) {
	w := pg.NewIDLowWater()
	w.Seen(t0, 3, pg.FullPass)
	requireStart(t, w, at(pg.DefaultMarkLag-time.Nanosecond), 0, pg.FullPass)
	requireStart(t, w, at(pg.DefaultMarkLag), 3, pg.QuickPass)
	requireStart(t, w, at(pg.DefaultDeepPassEvery), 0, pg.FullPass) // no sample DefaultDeepLag old
	requireStart(t, w, at(pg.DefaultFullPassEvery), 0, pg.FullPass)
}
