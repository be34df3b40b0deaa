package pg_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/sirupsen/logrus"
	logtest "github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// A publisher that accepts the start of a batch and then fails gets those
// messages again: at least once, and each partition still in order.
func TestRelayRepublishesPartialBatches(t *testing.T) {
	ctx, pool, rec := testContext(t), connect(t), storetest.NewRecorder()
	pub := &partialPublisher{rec: rec, failures: 3}
	want := addPartitioned(ctx, t, pool, 3, 4)
	startRelay(t, pool, pub, outbox.RelayConfig{BatchSize: 5, MaxBackoff: 20 * time.Millisecond})
	rec.WaitFor(t, len(want)+3, 10*time.Second)
	storetest.WaitForBacklog(ctx, t, newSource(t, pool), 0, 10*time.Second)

	got := rec.Messages()
	require.Len(t, got, len(want)+3, "one duplicate per failed batch")
	storetest.RequireDelivered(t, want, firstDeliveries(got))
}

// partialPublisher publishes the first message of its first failures
// batches and then fails them.
type partialPublisher struct {
	rec      *storetest.Recorder
	failures int
}

func (p *partialPublisher) Publish(ctx context.Context, msgs []outbox.Message) error {
	if p.failures == 0 {
		return p.rec.Publish(ctx, msgs)
	}
	p.failures--
	if err := p.rec.Publish(ctx, msgs[:1]); err != nil {
		return err
	}
	return errors.New("redis: connection reset after the first XADD")
}

// firstDeliveries drops repeated deliveries of a message.
func firstDeliveries(msgs []outbox.Message) []outbox.Message {
	seen := map[string]bool{}
	var out []outbox.Message
	for _, m := range msgs {
		if !seen[m.MessageID] {
			seen[m.MessageID] = true
			out = append(out, m)
		}
	}
	return out
}

// When every session of the database is killed, as in a PostgreSQL
// restart, the relay reports it, reconnects (its pool and its listener)
// and publishes what was written meanwhile long before its poll interval.
func TestRelaySurvivesLostConnections(t *testing.T) {
	ctx, url, rec := testContext(t), testenv.Database(t), storetest.NewRecorder()
	logger, logs := logtest.NewNullLogger()
	startRelay(t, connectTo(t, url), rec, outbox.RelayConfig{
		PollInterval: 5 * time.Second, MaxBackoff: 50 * time.Millisecond, Logger: logrus.NewEntry(logger),
	})
	writer := connectTo(t, url)
	first, second := storetest.NewMessage("a", 0), storetest.NewMessage("a", 1)
	addMessages(ctx, t, writer, first)
	rec.WaitFor(t, 1, 2*time.Second)
	storetest.WaitForBacklog(ctx, t, pg.NewOutboxSource(writer, testSchema), 0, 2*time.Second)

	conn, err := writer.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	_, err = conn.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid()`)
	require.NoError(t, err)
	require.NoError(t, pg.InTx(ctx, conn, func(tx pgx.Tx) error {
		return pg.NewMessaging(tx).AddMessages(ctx, []outbox.Message{second})
	}))

	storetest.RequireSame(t, []outbox.Message{first, second}, rec.WaitFor(t, 2, 3*time.Second))
	require.NotEmpty(t, logs.AllEntries(), "the lost connection is reported")
}
