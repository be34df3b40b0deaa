package stream

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Batches brought while a call runs go to the next call together, each
// reader gets its own entries' answers, and a lone batch is handled at
// once.
func TestCombinerJoinsBatchesThatWait(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var calls [][]string
	bh := func(_ context.Context, msgs []Message) []error {
		ids := entryIDs(msgs)
		mu.Lock()
		calls = append(calls, ids)
		first := len(calls) == 1
		mu.Unlock()
		if first {
			<-release
		}
		errs := make([]error, len(msgs))
		for i, m := range msgs {
			if m.ID[0] == 'x' {
				errs[i] = errors.New("refused " + m.ID)
			}
		}
		return errs
	}
	c := &combiner{bh: bh, max: 10}
	h := c.handle
	ctx := context.Background()
	var wg sync.WaitGroup
	answers := make([][]error, 3)
	run := func(i int, msgs ...Message) {
		defer wg.Done()
		answers[i] = h(ctx, msgs)
	}
	wg.Add(1)
	go run(0, Message{ID: "a1"})
	require.Eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(calls) == 1 }, 5*time.Second, time.Millisecond)
	wg.Add(2)
	go run(1, Message{ID: "b1"}, Message{ID: "x2"})
	go run(2, Message{ID: "c1"})
	require.Eventually(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return len(c.waiting) == 2 },
		5*time.Second, time.Millisecond, "both wait behind the running call")
	close(release)
	wg.Wait()

	require.Len(t, calls, 2)
	require.Equal(t, []string{"a1"}, calls[0])
	require.ElementsMatch(t, []string{"b1", "x2", "c1"}, calls[1])
	require.Equal(t, []error{nil}, answers[0])
	require.Len(t, answers[1], 2)
	require.NoError(t, answers[1][0])
	require.EqualError(t, answers[1][1], "refused x2")
	require.Equal(t, []error{nil}, answers[2])
}

// A call takes waiting batches up to the bound, whole: the rest go to the
// call after it.
func TestCombinerBoundsACall(t *testing.T) {
	c := &combiner{max: 3}
	for _, n := range []int{2, 1, 2, 5} {
		c.waiting = append(c.waiting, &submission{msgs: make([]Message, n)})
	}
	require.Len(t, c.take(), 2, "2+1 entries fit, the next 2 do not")
	require.Len(t, c.take(), 1)
	require.Len(t, c.take(), 1, "a batch larger than the bound goes alone")
	require.Empty(t, c.take())
}

// A panic, or a wrong number of answers, is an error for every entry of
// the call, and the readers waiting on it are answered.
func TestCombinerTurnsAPanicIntoErrors(t *testing.T) {
	h := combine(func(context.Context, []Message) []error { panic("boom") }, 10)
	errs := h(context.Background(), []Message{{ID: "1"}, {ID: "2"}})
	require.Len(t, errs, 2)
	require.ErrorContains(t, errs[1], "handler panicked: boom")

	h = combine(func(context.Context, []Message) []error { return nil }, 10)
	errs = h(context.Background(), []Message{{ID: "1"}})
	require.ErrorContains(t, errs[0], "returned 0 outcomes for 1 entries")
}
