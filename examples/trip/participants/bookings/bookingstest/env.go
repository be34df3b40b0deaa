package bookingstest

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings/bookingsqlite"
	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/pg/migrate"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// Step is the saga step every command of an Env belongs to.
const Step = "booking"

// Env is one participant over a fresh database.
type Env struct {
	t     *testing.T
	parts host.Parts
	// outbox reads the participant's outbox.
	outbox *sql.DB
}

// Drivers runs fn for p on SQLite, then on PostgreSQL when it answers.
func Drivers(t *testing.T, p bookings.Participant, fn func(t *testing.T, e *Env)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, onSQLite(t, p)) })
	if testenv.HasPostgres() {
		t.Run("postgres", func(t *testing.T) { fn(t, onPostgres(t, p)) })
	}
}

func onSQLite(t *testing.T, p bookings.Participant) *Env {
	db, err := bookingsqlite.Open(t.Context(), filepath.Join(t.TempDir(), p.Name+".db"), p)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return build(t, p, bookingsqlite.Store, sqlite.NewBackend(db), db.SQL)
}

// onPostgres builds p's schema as host.Run does: the SDK's migrations,
// then p's tables.
func onPostgres(t *testing.T, p bookings.Participant) *Env {
	ctx := t.Context()
	pool, err := pg.Connect(ctx, testenv.EmptyDatabase(t), p.Name)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	_, err = migrate.Migrate(ctx, pool, p.Name, migrate.Participant)
	require.NoError(t, err)
	require.NoError(t, migrate.Apply(ctx, pool, p.Name, p.Tables))
	db := stdlib.OpenDBFromPool(pool)
	t.Cleanup(func() { _ = db.Close() })
	return build(t, p, bookings.Postgres, pg.NewBackend(pool, p.Name), db)
}

func build(t *testing.T, p bookings.Participant, open bookings.Opener, db backend.DB, outbox *sql.DB) *Env {
	log := logrus.New()
	log.SetLevel(logrus.ErrorLevel)
	parts, err := p.Service(open).Build(host.Deps{DB: db, Log: logrus.NewEntry(log)})
	require.NoError(t, err)
	return &Env{t: t, parts: parts, outbox: outbox}
}

// Command is a command of Step for sagaID with data.
func Command(typ sdk.Command, sagaID string, data any) saga.Envelope {
	b, _ := json.Marshal(data)
	return saga.Envelope{
		MessageID: saga.NewID(), Type: string(typ), SagaID: sagaID, SagaType: "trip", Step: Step,
		Attempt: 1, ReplyTo: stream.OrchestratorReply, Time: time.Now().UTC(), Data: b,
	}
}

// Deliver hands cmd to the participant's stream handler.
func (e *Env) Deliver(cmd saga.Envelope) error {
	b, err := cmd.Encode()
	require.NoError(e.t, err)
	msg := transport.Message{ID: "1-0", Stream: "trip.commands", Deliveries: 1,
		Fields: map[string]string{stream.FieldEnvelope: string(b)}}
	ctx, cancel := context.WithTimeout(e.t.Context(), 20*time.Second)
	defer cancel()
	return e.parts.Handler(ctx, msg)
}

// Send delivers a command of Step for sagaID and returns its reply.
func (e *Env) Send(typ sdk.Command, sagaID string, data any) saga.Envelope {
	e.t.Helper()
	require.NoError(e.t, e.Deliver(Command(typ, sagaID, data)))
	var payload string
	err := e.outbox.QueryRowContext(e.t.Context(), `SELECT payload FROM outbox ORDER BY id DESC LIMIT 1`).Scan(&payload)
	require.NoError(e.t, err)
	reply, err := saga.DecodeEnvelope([]byte(payload))
	require.NoError(e.t, err)
	return reply
}

// Get calls the participant's API and decodes a 200's body into out.
func (e *Env) Get(path string, out any) int {
	e.t.Helper()
	rec := httptest.NewRecorder()
	e.parts.HTTP.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code == http.StatusOK && out != nil {
		require.NoError(e.t, json.Unmarshal(rec.Body.Bytes(), out))
	}
	return rec.Code
}

// State is the state of the booking ref ("booked", "cancelled"), or ""
// when the participant has none.
func (e *Env) State(ref string) string {
	e.t.Helper()
	var v bookings.View
	switch code := e.Get("/bookings/"+ref, &v); code {
	case http.StatusOK:
		return v.State
	case http.StatusNotFound:
		return ""
	default:
		e.t.Fatalf("GET /bookings/%s: status %d", ref, code)
		return ""
	}
}

// Counts are the participant's bookings by state.
func (e *Env) Counts() bookings.Counts {
	e.t.Helper()
	var c bookings.Counts
	require.Equal(e.t, http.StatusOK, e.Get("/bookings", &c))
	return c
}
