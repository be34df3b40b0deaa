package transporttest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// Names every case uses; each case has a transport of its own.
const (
	testStream = "suite.events"
	testGroup  = "suite-group"
)

// message is a test message with id on stream under partition key key.
func message(stream, key, id string) transport.Outgoing {
	return transport.Outgoing{
		Stream: stream, PartitionKey: key, MessageID: id, Type: "SuiteEvent",
		Payload: fmt.Appendf(nil, `{"message_id":%q,"saga_id":%q}`, id, key),
	}
}

func publish(t *testing.T, tr Transport, msgs ...transport.Outgoing) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), WaitTimeout)
	defer cancel()
	require.NoError(t, tr.Publish(ctx, msgs))
}

// subscribe starts a subscription of cfg (stream and group default to the
// test's) that is stopped when the test ends.
func subscribe(t *testing.T, tr Transport, cfg transport.SubscriptionConfig, h transport.BatchHandler) transport.Subscription {
	t.Helper()
	if cfg.Stream == "" {
		cfg.Stream = testStream
	}
	if cfg.Group == "" {
		cfg.Group = testGroup
	}
	sub, err := tr.Subscribe(cfg, h)
	require.NoError(t, err)
	require.NoError(t, sub.Start(context.Background()))
	t.Cleanup(func() { stop(t, sub) })
	return sub
}

// stop stops sub, waiting at most WaitTimeout.
func stop(t *testing.T, sub transport.Subscription) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), WaitTimeout)
	defer cancel()
	require.NoError(t, sub.Stop(ctx))
}

var barriers atomic.Int64

// passBarrier publishes a barrier message to testStream and waits until r
// got it a second time. The transport has then been through a redelivery
// since every message published before the barrier was settled, so a
// message that was wrongly left unsettled would have been delivered again.
func passBarrier(t *testing.T, tr Transport, r *recorder) {
	t.Helper()
	id := fmt.Sprintf("%s%d", barrierPrefix, barriers.Add(1))
	publish(t, tr, message(testStream, "barrier", id))
	r.waitCount(t, id, 2)
}

// waitDeadLetters waits until stream has n dead letters and returns them.
func waitDeadLetters(t *testing.T, tr Transport, stream string, n int) []transport.DeadLetter {
	t.Helper()
	var dls []transport.DeadLetter
	require.Eventually(t, func() bool {
		var err error
		dls, err = tr.List(context.Background(), stream, transport.ListOpts{})
		return err == nil && len(dls) >= n
	}, WaitTimeout, 10*time.Millisecond, "waiting for %d dead letters of %s", n, stream)
	require.Len(t, dls, n)
	return dls
}
