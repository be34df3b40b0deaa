package pg_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg"
)

func less(a, b int64) bool { return a < b }

// Passes read from the start until a sample is Lag old; from then on from
// the sample, which the next sample Lag later replaces; and from the start
// again every FullEvery.
func TestLowWaterMarksASampleOnceItIsLagOld(t *testing.T) {
	w := pg.NewLowWater(time.Second, time.Minute, less)
	t0 := time.Unix(1000, 0)
	at := func(d time.Duration) time.Time { return t0.Add(d) }

	from, full := w.Start(t0)
	require.True(t, full, "no mark yet")
	require.Zero(t, from)
	w.Seen(t0, 10, full)

	_, full = w.Start(at(500 * time.Millisecond))
	require.True(t, full, "the sample is not a second old")
	w.Seen(at(500*time.Millisecond), 40, true)

	_, full = w.Start(at(time.Second))
	require.True(t, full, "the sample becomes the mark at the next Seen")
	w.Seen(at(time.Second), 50, true)

	from, full = w.Start(at(2 * time.Second))
	require.False(t, full)
	require.EqualValues(t, 10, from, "the first sample, not the one seen half a second later")
	w.Seen(at(2*time.Second), 70, false)

	from, _ = w.Start(at(3 * time.Second))
	require.EqualValues(t, 50, from, "the sample seen at one second, two seconds old")

	from, full = w.Start(at(time.Minute + time.Second))
	require.True(t, full, "a minute after the last full pass")
	require.Zero(t, from)
	w.Seen(at(time.Minute+time.Second), 5, true)
	from, full = w.Start(at(time.Minute + 2*time.Second))
	require.False(t, full)
	require.EqualValues(t, 70, from)
}

// A mark may move down: a full pass that found a row committed late below
// it samples that row.
func TestLowWaterFollowsAFullPassDown(t *testing.T) {
	w := pg.NewLowWater(time.Second, time.Minute, less)
	t0 := time.Unix(1000, 0)
	w.Seen(t0, 100, true)
	w.Seen(t0.Add(time.Second), 7, true)
	w.Seen(t0.Add(2*time.Second), 200, false)
	from, full := w.Start(t0.Add(3 * time.Second))
	require.False(t, full)
	require.EqualValues(t, 7, from)
}

func TestNilLowWaterAlwaysReadsFromTheStart(t *testing.T) {
	var w *pg.LowWater[time.Time]
	w.Seen(time.Now(), time.Now(), false)
	from, full := w.Start(time.Now())
	require.True(t, full)
	require.True(t, from.IsZero())
}

func TestLowWaterDefaults(t *testing.T) {
	w := pg.NewIDLowWater()
	t0 := time.Unix(1000, 0)
	w.Seen(t0, 3, true)
	w.Seen(t0.Add(pg.DefaultMarkLag-time.Nanosecond), 4, true)
	_, full := w.Start(t0.Add(pg.DefaultMarkLag))
	require.True(t, full, "the sample is not DefaultMarkLag old at the second Seen")
	w.Seen(t0.Add(pg.DefaultMarkLag), 5, true)
	from, full := w.Start(t0.Add(pg.DefaultMarkLag))
	require.False(t, full)
	require.EqualValues(t, 3, from)
	_, full = w.Start(t0.Add(pg.DefaultMarkLag + pg.DefaultFullPassEvery))
	require.True(t, full)
}

// A clock that goes back (a test's, or one set back by hand) gets full
// passes until it is past the last one again.
func TestLowWaterReadsFromTheStartWhenTheClockWentBack(t *testing.T) {
	w := pg.NewLowWater(time.Second, time.Minute, less)
	t0 := time.Unix(1000, 0)
	w.Seen(t0, 1, true)
	w.Seen(t0.Add(time.Second), 2, false)
	_, full := w.Start(t0.Add(time.Second))
	require.False(t, full)
	_, full = w.Start(t0.Add(time.Second - time.Nanosecond))
	require.True(t, full)
}
