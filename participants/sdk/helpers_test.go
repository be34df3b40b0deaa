package sdk_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/transport"
)

const replyStream = stream.OrchestratorReply

// commandStream is the stream the test participant's commands come from.
const commandStream = "inventory.commands"

// env is an inventory participant over a fresh database: PostgreSQL, or
// an embedded SQLite file where no PostgreSQL is reachable (and services
// are not required). db reads its tables directly.
type env struct {
	t     *testing.T
	db    *sql.DB
	store inventory.Store
	p     *sdk.Participant[inventory.Tx]
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db, store := openStore(t)
	p, err := inventory.NewParticipant(store, quietLogger())
	require.NoError(t, err)
	inventorytest.SetStock(t, store, "A", 10)
	inventorytest.SetStock(t, store, "B", 5)
	return &env{t: t, db: db, store: store, p: p}
}

// openStore opens the inventory store on PostgreSQL when it answers, else
// on a SQLite file: the SDK's behaviour must not depend on the driver.
func openStore(t *testing.T) (*sql.DB, inventory.Store) {
	t.Helper()
	if testenv.HasPostgres() {
		pool, err := pg.Connect(t.Context(), testenv.Database(t), inventorypg.Schema)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		db := stdlib.OpenDBFromPool(pool)
		t.Cleanup(func() { _ = db.Close() })
		return db, inventorypg.New(pool)
	}
	db, err := inventorysqlite.Open(t.Context(), filepath.Join(t.TempDir(), "inventory.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db.SQL, inventorysqlite.New(db)
}

func quietLogger() *logrus.Entry {
	l := logrus.New()
	l.SetLevel(logrus.WarnLevel)
	l.SetOutput(testWriter{})
	return logrus.NewEntry(l)
}

type testWriter struct{}

func (testWriter) Write(b []byte) (int, error) { return len(b), nil }

// command builds a command of the order saga's inventory step.
func command(typ sdk.Command, sagaID string, data any) saga.Envelope {
	b, _ := json.Marshal(data)
	return saga.Envelope{
		MessageID: saga.NewID(), Type: string(typ), SagaID: sagaID, SagaType: "order",
		Step: "inventory", Attempt: 1, CorrelationID: "order-1", ReplyTo: replyStream,
		TraceParent: saga.NewTraceParent(), Time: time.Now().UTC(), Data: b,
	}
}

func reserveCmd(sagaID string, items ...inventory.Item) saga.Envelope {
	return command(inventory.ReserveInventory, sagaID, inventory.ReserveCommand{OrderID: "order-1", Items: items})
}

func releaseCmd(sagaID string) saga.Envelope {
	return command(inventory.ReleaseInventory, sagaID, inventory.ReleaseCommand{OrderID: "order-1"})
}

// deliver hands cmd to the participant as a stream entry.
func (e *env) deliver(cmd saga.Envelope) error {
	return e.p.Handle(e.ctx(), entryOf(e.t, cmd))
}

func (e *env) deliverRaw(b []byte) error {
	return e.p.Handle(e.ctx(), rawEntry(b))
}

func entryOf(t *testing.T, cmd saga.Envelope) transport.Message {
	b, err := cmd.Encode()
	require.NoError(t, err)
	return rawEntry(b)
}

func rawEntry(b []byte) transport.Message {
	return transport.Message{
		ID: "1-0", Stream: commandStream, Deliveries: 1,
		Fields: map[string]string{stream.FieldEnvelope: string(b)},
	}
}

func (e *env) ctx() context.Context {
	ctx, cancel := context.WithTimeout(e.t.Context(), 20*time.Second)
	e.t.Cleanup(cancel)
	return ctx
}

// replies returns the envelopes in the outbox, in order, checking that each
// is bound for the reply stream.
func (e *env) replies() []saga.Envelope {
	rows, err := e.db.QueryContext(e.ctx(), `SELECT stream, payload FROM outbox ORDER BY id`)
	require.NoError(e.t, err)
	defer rows.Close()
	var out []saga.Envelope
	for rows.Next() {
		var streamName, payload string
		require.NoError(e.t, rows.Scan(&streamName, &payload))
		require.Equal(e.t, replyStream, streamName)
		env, err := saga.DecodeEnvelope([]byte(payload))
		require.NoError(e.t, err)
		out = append(out, env)
	}
	require.NoError(e.t, rows.Err())
	return out
}

func item(sku string, q int64) inventory.Item { return inventory.Item{SKU: sku, Quantity: q} }
