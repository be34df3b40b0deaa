package pg_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/storetest"
)

// terminateListener ends the server session that listens for the outbox.
func terminateListener(ctx context.Context, t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	var n int
	err := pool.QueryRow(ctx, `
		SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND query LIKE 'LISTEN %'`).Scan(&n)
	require.NoError(t, err)
	require.Equal(t, 1, n, "one listening session")
}

// waitResult runs src.Wait in a goroutine.
func waitResult(ctx context.Context, wait func(context.Context, time.Duration) error, timeout time.Duration) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- wait(ctx, timeout) }()
	return ch
}

func receiveErr(t *testing.T, ch <-chan error, what string) error {
	t.Helper()
	select {
	case err := <-ch:
		return err
	case <-time.After(5 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
	return nil
}

// A lost listening connection is reported once, then reopened; the first
// wait on the new connection returns at once, and later ones wake on
// notifications again.
func TestOutboxSourceReconnectsListener(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	src := newSource(t, pool)
	require.NoError(t, src.Wait(ctx, time.Minute), "the first wait connects and returns")
	terminateListener(ctx, t, pool)

	require.Error(t, receiveErr(t, waitResult(ctx, src.Wait, time.Minute), "the lost connection"))
	start := time.Now()
	require.NoError(t, src.Wait(ctx, time.Minute), "reconnects and returns at once")
	require.Less(t, time.Since(start), 5*time.Second)

	woke := waitResult(ctx, src.Wait, time.Minute)
	addMessages(ctx, t, pool, storetest.NewMessage("a", 0))
	require.NoError(t, receiveErr(t, woke, "the notification"))
}

// Close interrupts a wait in progress; later waits fail.
func TestOutboxSourceCloseInterruptsWait(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	src := newSource(t, pool)
	require.NoError(t, src.Wait(ctx, time.Minute))
	waiting := waitResult(ctx, src.Wait, time.Minute)
	require.NoError(t, src.Close())
	receiveErr(t, waiting, "the interrupted wait")
	require.Error(t, src.Wait(ctx, time.Millisecond))
	require.NoError(t, src.Close(), "closing twice")
}

// Many notifications that arrived together wake one wait, not one each.
func TestOutboxSourceCoalescesNotifications(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	src := newSource(t, pool)
	require.NoError(t, src.Wait(ctx, time.Minute))
	for i := range 5 {
		addMessages(ctx, t, pool, storetest.NewMessage("a", i))
	}
	require.NoError(t, src.Wait(ctx, time.Minute), "woken by the notifications")
	start := time.Now()
	require.NoError(t, src.Wait(ctx, 300*time.Millisecond))
	require.GreaterOrEqual(t, time.Since(start), 250*time.Millisecond, "the rest were drained")
}
