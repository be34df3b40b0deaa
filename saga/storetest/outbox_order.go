package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// signalTimeout bounds waits for something another goroutine does.
const signalTimeout = 10 * time.Second

// holdsBackPartitions: while relay A holds the first message of partition
// p1, relay B publishes the other partitions but not p1's second message.
func holdsBackPartitions(t *testing.T, h Harness) {
	ctx, srcA, srcB, rec := testContext(t), h.Source(t), h.Source(t), NewRecorder()
	p1a, p2, p1b, p3 := NewMessage("p1", 0), NewMessage("p2", 0), NewMessage("p1", 1), NewMessage("p3", 0)
	Add(ctx, t, h, p1a, p2)
	Add(ctx, t, h, p1b, p3)

	claimed, release, doneA := make(chan []outbox.Message, 1), make(chan struct{}), make(chan error, 1)
	go func() {
		_, err := srcA.Relay(ctx, 1, func(ctx context.Context, msgs []outbox.Message) error {
			claimed <- msgs
			if err := until(ctx, release); err != nil {
				return err
			}
			return rec.Publish(ctx, msgs)
		})
		doneA <- err
	}()
	RequireSame(t, []outbox.Message{p1a}, receive(t, claimed, signalTimeout, "relay A's claim"))

	n, err := srcB.Relay(ctx, 10, rec.Publish)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	RequireSame(t, []outbox.Message{p2, p3}, rec.Messages())

	close(release)
	require.NoError(t, receive(t, doneA, signalTimeout, "relay A's pass"))
	n, err = srcB.Relay(ctx, 10, rec.Publish)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	RequireSame(t, []outbox.Message{p2, p3, p1a, p1b}, rec.Messages())
}

// relaysLateCommit: a transaction that added its message first but commits
// after later messages were relayed still gets its message relayed.
func relaysLateCommit(t *testing.T, h Harness) {
	skipIfSerial(t, h, "no transaction can commit after one that began later, so there is no late commit")
	ctx, src, rec := testContext(t), h.Source(t), NewRecorder()
	late, early := NewMessage("late", 0), NewMessage("early", 0)
	added, commit, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- h.InTx(ctx, func(ctx context.Context, s Stores) error {
			if err := s.Outbox.AddMessages(ctx, []outbox.Message{late}); err != nil {
				return err
			}
			close(added)
			return until(ctx, commit)
		})
	}()
	receive(t, added, signalTimeout, "the late transaction's insert")
	Add(ctx, t, h, early)
	n, err := src.Relay(ctx, 10, rec.Publish)
	require.NoError(t, err)
	require.Equal(t, 1, n)

	close(commit)
	require.NoError(t, receive(t, done, signalTimeout, "the late commit"))
	n, err = src.Relay(ctx, 10, rec.Publish)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	RequireSame(t, []outbox.Message{early, late}, rec.Messages())
}

// waitWakesOnCommit: a Wait in progress returns soon after a commit, long
// before its timeout.
func waitWakesOnCommit(t *testing.T, h Harness) {
	ctx, src := testContext(t), h.Source(t)
	require.NoError(t, src.Wait(ctx, 10*time.Millisecond), "first wait starts listening")
	woke := make(chan error, 1)
	go func() { woke <- src.Wait(ctx, time.Minute) }()
	start := time.Now()
	Add(ctx, t, h, NewMessage("a", 0))
	require.NoError(t, receive(t, woke, 5*time.Second, "Wait to wake on the commit"))
	require.Less(t, time.Since(start), 5*time.Second)
}

// waitTimesOut: Wait returns nil after its timeout, and promptly when its
// context is cancelled.
func waitTimesOut(t *testing.T, h Harness) {
	ctx, src := testContext(t), h.Source(t)
	require.NoError(t, src.Wait(ctx, 10*time.Millisecond), "first wait starts listening")
	start := time.Now()
	require.NoError(t, src.Wait(ctx, 200*time.Millisecond))
	require.Less(t, time.Since(start), 5*time.Second)

	cctx, cancel := context.WithCancel(ctx)
	woke := make(chan error, 1)
	go func() { woke <- src.Wait(cctx, time.Minute) }()
	cancel()
	receive(t, woke, 5*time.Second, "Wait to return on cancel")
}
