package pg_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/sirupsen/logrus"
	logtest "github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// startRelay starts a relay over a new source of pool, stopped when t ends.
func startRelay(t *testing.T, pool *pgxpool.Pool, pub outbox.Publisher, cfg outbox.RelayConfig) *outbox.Relay {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = storetest.QuietLogger()
	}
	r, err := outbox.NewRelay(newSource(t, pool), pub, cfg)
	require.NoError(t, err)
	require.NoError(t, r.Start(testContext(t)))
	t.Cleanup(func() { storetest.StopRelay(t, r) })
	return r
}

// addMessages commits msgs in one transaction.
func addMessages(ctx context.Context, t *testing.T, db pg.Beginner, msgs ...outbox.Message) {
	t.Helper()
	storetest.Add(ctx, t, harness{db: db}, msgs...)
}

// A notification wakes the relay long before its poll interval.
func TestRelayWakesOnNotify(t *testing.T) {
	ctx, pool, rec := testContext(t), connect(t), storetest.NewRecorder()
	startRelay(t, pool, rec, outbox.RelayConfig{PollInterval: 5 * time.Second})
	var want []outbox.Message
	for i := range 3 {
		m := storetest.NewMessage("a", i)
		want = append(want, m)
		start := time.Now()
		addMessages(ctx, t, pool, m)
		rec.WaitFor(t, i+1, time.Second)
		t.Logf("message %d published %s after its commit", i, time.Since(start))
	}
	storetest.RequireSame(t, want, rec.Messages())
}

// A publisher that fails for a while loses nothing and, since its failures
// send nothing, publishes nothing twice. The relay logs the failures and
// backs off instead of spinning.
func TestRelayRecoversFromPublishFailures(t *testing.T) {
	ctx, pool, rec := testContext(t), connect(t), storetest.NewRecorder()
	var failing atomic.Bool
	failing.Store(true)
	failed := make(chan struct{}, 100)
	rec.SetHook(func(int, []outbox.Message) error {
		if !failing.Load() {
			return nil
		}
		failed <- struct{}{}
		return errors.New("redis: connection refused")
	})
	logger, logs := logtest.NewNullLogger()
	startRelay(t, pool, rec, outbox.RelayConfig{BatchSize: 4, MaxBackoff: 100 * time.Millisecond, Logger: logrus.NewEntry(logger)})

	want := addPartitioned(ctx, t, pool, 5, 6)
	for range 3 {
		receiveSignal(t, failed)
	}
	failing.Store(false)
	rec.WaitFor(t, len(want), 10*time.Second)
	storetest.WaitForBacklog(ctx, t, newSource(t, pool), 0, 10*time.Second)
	storetest.RequireDelivered(t, want, rec.Messages())

	require.GreaterOrEqual(t, len(logs.AllEntries()), 3, "each failure is logged")
	require.Equal(t, logrus.ErrorLevel, logs.AllEntries()[0].Level)
	require.Contains(t, logs.AllEntries()[0].Message, "outbox relay pass failed")
	require.Less(t, len(failed), 20, "failures are retried after a pause")
}

// addPartitioned commits perPartition transactions, each with one message
// for each of partitions partitions, and returns them in write order.
func addPartitioned(ctx context.Context, t *testing.T, db pg.Beginner, partitions, perPartition int) []outbox.Message {
	var all []outbox.Message
	for seq := range perPartition {
		var msgs []outbox.Message
		for p := range partitions {
			msgs = append(msgs, storetest.NewMessage(fmt.Sprintf("p%d", p), seq))
		}
		addMessages(ctx, t, db, msgs...)
		all = append(all, msgs...)
	}
	return all
}

func receiveSignal(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatal("timed out waiting for a publish attempt")
	}
}
