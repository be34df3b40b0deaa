package sdktest

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Concurrently calls fn(ctx, i) for i in [0, n) from n goroutines, requires
// that none returns an error and returns how many returned no failure
// reason.
func Concurrently(t *testing.T, n int, fn func(ctx context.Context, i int) (failure string, err error)) int {
	t.Helper()
	var wg sync.WaitGroup
	failures := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { failures[i], errs[i] = fn(Context(t), i) })
	}
	wg.Wait()
	ok := 0
	for i := range n {
		require.NoError(t, errs[i])
		if failures[i] == "" {
			ok++
		}
	}
	return ok
}
