package pg_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// fillChunk is how many rows one transaction of fillOutbox commits.
const fillChunk = 1024

// BenchmarkRelayBatch measures one relay pass, claim, hold-back check,
// publish and delete, of a full batch with a publisher that does nothing:
// the outbox's own cost per message.
func BenchmarkRelayBatch(b *testing.B) {
	for _, batch := range []int{64, 256} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			ctx, pool := b.Context(), connect(b)
			src := newSource(b, pool)
			fillOutbox(ctx, b, pool, b.N*batch)
			noop := func(context.Context, []outbox.Message) error { return nil }
			b.ResetTimer()
			for range b.N {
				if n, err := src.Relay(ctx, batch, noop); err != nil || n != batch {
					b.Fatalf("relayed %d of %d: %v", n, batch, err)
				}
			}
			reportPerMessage(b, b.N*batch)
		})
	}
}

// BenchmarkAddMessages measures one transaction writing a batch of
// messages to the outbox, as a handler does with its commands or replies.
func BenchmarkAddMessages(b *testing.B) {
	for _, rows := range []int{1, 16, 64} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			ctx, pool := b.Context(), connect(b)
			msgs := benchMessages(0, rows)
			b.ResetTimer()
			for range b.N {
				if err := addInTx(ctx, pool, msgs); err != nil {
					b.Fatal(err)
				}
			}
			reportPerMessage(b, b.N*rows)
		})
	}
}

// fillOutbox commits n messages, two per partition as a saga writes them,
// and refreshes the table's statistics.
func fillOutbox(ctx context.Context, b *testing.B, pool *pgxpool.Pool, n int) {
	b.Helper()
	for first := 0; first < n; first += fillChunk {
		if err := addInTx(ctx, pool, benchMessages(first, min(fillChunk, n-first))); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := pool.Exec(ctx, "ANALYZE outbox"); err != nil {
		b.Fatalf("analyzing outbox: %v", err)
	}
}

// benchMessages returns n messages numbered from first.
func benchMessages(first, n int) []outbox.Message {
	msgs := make([]outbox.Message, n)
	for i := range msgs {
		seq := first + i
		msgs[i] = storetest.NewMessage(fmt.Sprintf("p%d", seq/2), seq%2)
	}
	return msgs
}

func addInTx(ctx context.Context, db pg.Beginner, msgs []outbox.Message) error {
	return pg.InTx(ctx, db, func(tx pgx.Tx) error {
		return pg.NewMessaging(tx).AddMessages(ctx, msgs)
	})
}

// reportPerMessage adds the time and rate per message to the result.
func reportPerMessage(b *testing.B, msgs int) {
	perMsg := float64(b.Elapsed().Nanoseconds()) / float64(msgs)
	b.ReportMetric(perMsg, "ns/msg")
	b.ReportMetric(1e9/perMsg, "msgs/s")
}

// noopPublisher accepts every batch and sends nothing.
type noopPublisher struct{}

func (noopPublisher) Publish(context.Context, []outbox.Message) error { return nil }

// BenchmarkCourier measures transactions that write messages, as a handler
// does, on a DB whose courier publishes them after each commit (to a
// publisher that does nothing) and deletes their rows: the outbox's own
// cost per message on its main path, until the rows are gone.
func BenchmarkCourier(b *testing.B) {
	for _, rows := range []int{1, 16} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			ctx, pool := b.Context(), connect(b)
			c, err := outbox.NewCourier(noopPublisher{}, newSource(b, pool), outbox.CourierConfig{Logger: storetest.QuietLogger()})
			if err != nil {
				b.Fatal(err)
			}
			if err := c.Start(ctx); err != nil {
				b.Fatal(err)
			}
			db := pg.NewDB(pool, pg.DBConfig{Dispatcher: c})
			msgs := benchMessages(0, rows)
			b.ResetTimer()
			for range b.N {
				if err := addInTx(ctx, db, msgs); err != nil {
					b.Fatal(err)
				}
			}
			if err := c.Stop(ctx); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			reportPerMessage(b, b.N*rows)
		})
	}
}
