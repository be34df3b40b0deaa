package runner_test

import (
	"context"
	"encoding/json"
	"io"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// sagasPerTx is how many sagas one setup transaction starts.
const sagasPerTx = 100

// BenchmarkHandleReply measures one reply through the runner against
// PostgreSQL: inbox, saga load, engine step, saga save with its version
// check, history and the next command in the outbox, in one transaction.
// Every iteration answers the first command of its own saga.
func BenchmarkHandleReply(b *testing.B) {
	pool, r := benchRunner(b)
	startSagas(b, pool, r, b.N)
	replies := reservedReplies(b, pool)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if err := r.HandleReply(b.Context(), replies[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var advanced int
	if err := pool.QueryRow(b.Context(), "SELECT count(*) FROM outbox WHERE message_type = $1", ordersaga.ProcessPayment).Scan(&advanced); err != nil || advanced != b.N {
		b.Fatalf("%d of %d sagas advanced: %v", advanced, b.N, err)
	}
}

func benchRunner(b *testing.B) (*pgxpool.Pool, *runner.Runner) {
	pool, err := pg.Connect(b.Context(), testenv.Database(b), pgdriver.Schema)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	reg, err := saga.NewRegistry(ordersaga.Definition())
	if err != nil {
		b.Fatal(err)
	}
	l := logrus.New()
	l.SetOutput(io.Discard)
	r, err := runner.New(runner.Config{Store: pgdriver.New(pool), Registry: reg, Logger: logrus.NewEntry(l)})
	if err != nil {
		b.Fatal(err)
	}
	return pool, r
}

// startSagas starts n order sagas, each with its ReserveInventory in the
// outbox.
func startSagas(b *testing.B, pool *pgxpool.Pool, r *runner.Runner, n int) {
	data, err := json.Marshal(ordersaga.Data{OrderID: saga.NewID(), CustomerID: "c1",
		Items: []ordersaga.Item{{SKU: "A", Quantity: 1, UnitPriceCents: 100}}, TotalCents: 100})
	if err != nil {
		b.Fatal(err)
	}
	st := pgdriver.New(pool)
	for done := 0; done < n; done += sagasPerTx {
		err := st.InTx(b.Context(), func(ctx context.Context, tx driver.Tx) error {
			for range min(sagasPerTx, n-done) {
				in := saga.StartInput{ID: saga.NewID(), TraceParent: saga.NewTraceParent(), Data: data}
				if err := r.Start(ctx, tx, ordersaga.SagaType, in); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatalf("starting sagas: %v", err)
		}
	}
}

// reservedReplies answers every ReserveInventory in the outbox with
// InventoryReserved, as stream entries.
func reservedReplies(b *testing.B, pool *pgxpool.Pool) []transport.Message {
	rows, err := pool.Query(b.Context(), "SELECT payload FROM outbox WHERE message_type = $1 ORDER BY id", ordersaga.ReserveInventory)
	if err != nil {
		b.Fatal(err)
	}
	payloads, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		b.Fatal(err)
	}
	replies := make([]transport.Message, len(payloads))
	for i, p := range payloads {
		replies[i] = encodedReply(b, p)
	}
	return replies
}

func encodedReply(b *testing.B, command string) transport.Message {
	cmd, err := saga.DecodeEnvelope([]byte(command))
	if err != nil {
		b.Fatal(err)
	}
	reply := replyTo(cmd, ordersaga.InventoryReserved)
	raw, err := reply.Encode()
	if err != nil {
		b.Fatal(err)
	}
	return transport.Message{ID: "1-0", Fields: map[string]string{stream.FieldEnvelope: string(raw)}, Deliveries: 1}
}
