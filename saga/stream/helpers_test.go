package stream

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// waitTimeout bounds every wait for a signal in these tests.
const waitTimeout = 10 * time.Second

func setup(t *testing.T) (*redis.Client, Keys) {
	t.Helper()
	rdb, prefix := testenv.Redis(t)
	return rdb, Keys{Prefix: prefix}
}

func testLogger(t *testing.T) *logrus.Entry {
	l := logrus.New()
	l.SetOutput(t.Output())
	l.SetFormatter(&logrus.JSONFormatter{})
	return logrus.NewEntry(l)
}

func testMessage(stream string, n int) outbox.Message {
	return outbox.Message{
		MessageID:    fmt.Sprintf("msg-%d", n),
		Stream:       stream,
		PartitionKey: fmt.Sprintf("saga-%d", n),
		Type:         "TestEvent",
		Payload:      fmt.Appendf(nil, `{"n":%d}`, n),
	}
}

func publish(t *testing.T, rdb redis.UniversalClient, keys Keys, msgs ...outbox.Message) {
	t.Helper()
	require.NoError(t, NewPublisher(rdb, keys, PublisherConfig{}).Publish(context.Background(), msgs))
}

// testBlock keeps Stop, which waits for a blocking read, quick in tests.
const testBlock = 200 * time.Millisecond

// startConsumer starts a consumer that is stopped when the test ends. A
// zero Block becomes testBlock.
func startConsumer(t *testing.T, rdb redis.UniversalClient, keys Keys, cfg ConsumerConfig, h Handler) *Consumer {
	t.Helper()
	return startWith(t, cfg, func(cfg ConsumerConfig) (*Consumer, error) { return NewConsumer(rdb, keys, cfg, h) })
}

// startWith completes cfg for tests, builds a consumer with build, starts
// it and stops it when the test ends.
func startWith(t *testing.T, cfg ConsumerConfig, build func(ConsumerConfig) (*Consumer, error)) *Consumer {
	t.Helper()
	cfg.Logger = testLogger(t)
	if cfg.Block == 0 {
		cfg.Block = testBlock
	}
	c, err := build(cfg)
	require.NoError(t, err)
	require.NoError(t, c.Start(context.Background()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
		defer cancel()
		require.NoError(t, c.Stop(ctx))
	})
	return c
}

// chanHandler sends every message to ch and returns ret's answer.
func chanHandler(ch chan<- Message, ret func(Message) error) Handler {
	return func(ctx context.Context, m Message) error {
		ch <- m
		return ret(m)
	}
}

func ok(Message) error { return nil }

func receive(t *testing.T, ch <-chan Message) Message {
	t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(waitTimeout):
		t.Fatal("timed out waiting for a message")
		return Message{}
	}
}

func pendingCount(t *testing.T, rdb redis.UniversalClient, keys Keys, stream, group string) int64 {
	t.Helper()
	p, err := rdb.XPending(context.Background(), keys.Stream(stream), keys.Group(group)).Result()
	require.NoError(t, err)
	return p.Count
}

func waitDLQ(t *testing.T, rdb redis.UniversalClient, keys Keys, stream string) DeadLetter {
	t.Helper()
	var dls []DeadLetter
	require.Eventually(t, func() bool {
		var err error
		dls, err = ListDLQ(context.Background(), rdb, keys, stream, 10)
		return err == nil && len(dls) > 0
	}, waitTimeout, 10*time.Millisecond, "no dead letter in %s", keys.DLQ(stream))
	require.Len(t, dls, 1)
	return dls[0]
}

// rawEntry is an XADD of arbitrary fields to a Redis key.
func rawEntry(key string, values ...any) *redis.XAddArgs {
	return &redis.XAddArgs{Stream: key, Values: values}
}
