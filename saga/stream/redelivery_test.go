package stream

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A consumer whose handler fails and which then stops without acknowledging
// leaves the entry pending; another member of the group takes it over with
// XAUTOCLAIM once it is idle for MinIdle.
func TestRedeliveryAfterConsumerDies(t *testing.T) {
	rdb, keys := setup(t)
	publish(t, rdb, keys, testMessage("cmds", 1))

	first := make(chan Message, 10)
	c1 := startConsumer(t, rdb, keys, ConsumerConfig{
		Stream: "cmds", Group: "g", Name: "c1", MinIdle: 100 * time.Millisecond, ClaimInterval: time.Hour,
	}, chanHandler(first, func(Message) error { return errors.New("transient failure") }))
	got1 := receive(t, first)
	require.NoError(t, c1.Stop(context.Background()))
	require.Equal(t, int64(1), pendingCount(t, rdb, keys, "cmds", "g"), "a failed entry stays pending")

	second := make(chan Message, 10)
	startConsumer(t, rdb, keys, ConsumerConfig{
		Stream: "cmds", Group: "g", Name: "c2", MinIdle: 100 * time.Millisecond, ClaimInterval: 50 * time.Millisecond,
	}, chanHandler(second, ok))
	got2 := receive(t, second)

	require.Equal(t, got1.ID, got2.ID)
	require.Equal(t, got1.Fields, got2.Fields)
	require.Equal(t, int64(2), got2.Deliveries)
	require.Eventually(t, func() bool { return pendingCount(t, rdb, keys, "cmds", "g") == 0 },
		waitTimeout, 10*time.Millisecond)
}

// Stop lets the handler in flight finish with a live context and then
// acknowledges its entry.
func TestStopLetsHandlerFinish(t *testing.T) {
	rdb, keys := setup(t)
	publish(t, rdb, keys, testMessage("s", 1))
	entered, release := make(chan struct{}), make(chan struct{})
	ctxErr := make(chan error, 1)
	c := startConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Block: 100 * time.Millisecond},
		func(ctx context.Context, _ Message) error {
			close(entered)
			<-release
			ctxErr <- ctx.Err()
			return nil
		})
	<-entered
	stopped := make(chan error, 1)
	go func() { stopped <- c.Stop(context.Background()) }()
	select {
	case <-stopped:
		t.Fatal("Stop returned while the handler was still running")
	case <-time.After(200 * time.Millisecond):
	}
	close(release)
	require.NoError(t, <-stopped)
	require.NoError(t, <-ctxErr, "the handler's context must survive Stop")
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"))
}

// Stop honours its context's deadline when a handler does not return.
func TestStopHonoursDeadline(t *testing.T) {
	rdb, keys := setup(t)
	publish(t, rdb, keys, testMessage("s", 1))
	entered, release := make(chan struct{}), make(chan struct{})
	c := startConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Block: 100 * time.Millisecond},
		func(context.Context, Message) error {
			close(entered)
			<-release
			return nil
		})
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := c.Stop(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	close(release) // the cleanup's Stop now returns
}
