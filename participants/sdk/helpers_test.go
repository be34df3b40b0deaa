package sdk_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

const replyStream = stream.OrchestratorReply

// env is an inventory participant over a fresh database.
type env struct {
	t     *testing.T
	pool  *pgxpool.Pool
	store inventory.Store
	p     *sdk.Participant[inventory.Tx]
}

func newEnv(t *testing.T) *env {
	t.Helper()
	pool, err := pg.Connect(t.Context(), testenv.Database(t), inventorypg.Schema)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	store := inventorypg.New(pool)
	p, err := inventory.NewParticipant(store, quietLogger())
	require.NoError(t, err)
	inventorytest.SetStock(t, store, "A", 10)
	inventorytest.SetStock(t, store, "B", 5)
	return &env{t: t, pool: pool, store: store, p: p}
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

func entryOf(t *testing.T, cmd saga.Envelope) stream.Message {
	b, err := cmd.Encode()
	require.NoError(t, err)
	return rawEntry(b)
}

func rawEntry(b []byte) stream.Message {
	return stream.Message{
		ID: "1-0", Stream: stream.InventoryCommands, Deliveries: 1,
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
	rows, err := e.pool.Query(e.ctx(), `SELECT stream, payload FROM outbox ORDER BY id`)
	require.NoError(e.t, err)
	var out []saga.Envelope
	var streamName, payload string
	_, err = pgx.ForEachRow(rows, []any{&streamName, &payload}, func() error {
		require.Equal(e.t, replyStream, streamName)
		env, err := saga.DecodeEnvelope([]byte(payload))
		out = append(out, env)
		return err
	})
	require.NoError(e.t, err)
	return out
}

func item(sku string, q int64) inventory.Item { return inventory.Item{SKU: sku, Quantity: q} }
