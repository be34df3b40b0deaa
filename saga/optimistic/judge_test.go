package optimistic_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/optimistic"
)

func tries(j *optimistic.Judge, n, hits int) {
	for k := range n {
		j.Tried()
		if k < hits {
			j.Hit()
		}
	}
}

func TestJudgePausesAfterAWindowOfFailures(t *testing.T) {
	var j optimistic.Judge
	now := time.Now()
	tries(&j, optimistic.Window, optimistic.Window*3/4)
	paused, began := j.Paused(now)
	require.False(t, paused || began, "a quarter failed: going on")
	tries(&j, optimistic.Window, optimistic.Window*3/4-1)
	paused, began = j.Paused(now)
	require.True(t, paused && began, "more than a quarter failed")
	paused, began = j.Paused(now.Add(optimistic.Pause - time.Second))
	require.True(t, paused)
	require.False(t, began, "the same pause")
	paused, _ = j.Paused(now.Add(optimistic.Pause))
	require.False(t, paused, "after the pause")
}
