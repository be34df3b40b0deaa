package sdk

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/barrier"
)

func freshKey(i int) []barrier.Key {
	return []barrier.Key{{SagaID: string(rune('a'+i%26)) + string(rune('a'+i/26)), Step: "s"}}
}

func TestFreshnessSkipsRecentSteps(t *testing.T) {
	f, now := newFreshness(), time.Now()
	require.True(t, f.try(freshKey(0), true, now))
	require.False(t, f.try(freshKey(0), true, now), "a step seen before")
	require.False(t, f.try(freshKey(1), false, now), "not a candidate")
	require.False(t, f.try(freshKey(1), true, now), "remembered even when not tried")
	require.True(t, f.try(append(freshKey(2), freshKey(3)...), true, now))
	require.False(t, f.try(append(freshKey(4), freshKey(3)...), true, now), "one step seen before")
}

func TestFreshnessForgetsTheOldestStep(t *testing.T) {
	f, now := newFreshness(), time.Now()
	first := barrier.Key{SagaID: "first", Step: "s"}
	f.try([]barrier.Key{first}, false, now)
	for i := range freshRecent - 1 {
		f.try([]barrier.Key{{SagaID: "x", Step: string(rune(i))}}, false, now)
	}
	require.True(t, f.recent[first], "still remembered at the bound")
	f.try([]barrier.Key{{SagaID: "y", Step: "s"}}, false, now)
	require.False(t, f.recent[first], "forgotten past it")
	require.Len(t, f.recent, freshRecent)
}

func TestFreshnessPausesAfterAWindowOfFailures(t *testing.T) {
	f, now := newFreshness(), time.Now()
	i := 0
	tries := func(n, hits int) {
		for k := range n {
			require.True(t, f.try(freshKey(i), true, now), "try %d", i)
			i++
			if k < hits {
				f.hit()
			}
		}
	}
	tries(freshWindow, freshWindow*3/4)
	tries(freshWindow, freshWindow*3/4-1)
	require.False(t, f.try(freshKey(i), true, now), "more than a quarter of the second window failed")
	require.False(t, f.try(freshKey(i+1), true, now.Add(freshPause-time.Second)))
	require.True(t, f.try(freshKey(i+2), true, now.Add(freshPause)), "after the pause")
}
