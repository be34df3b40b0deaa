package runner_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/driverenv"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// tripDefinition holds seats and a room at once, then pays. Seats answer
// within a second and are sent twice at most; the room has ten seconds.
func tripDefinition() *saga.Definition {
	return &saga.Definition{Type: "trip", Steps: []saga.Step{
		{Name: "seats", Group: "hold", Participant: "seats.commands", Action: "HoldSeats", SuccessReply: "SeatsHeld",
			FailureReply: "NoSeats", Compensation: "ReleaseSeats", CompensatedReply: "SeatsReleased",
			Timeout: time.Second, Retry: saga.RetryPolicy{MaxAttempts: 2}},
		{Name: "room", Group: "hold", Participant: "hotel.commands", Action: "BookRoom", SuccessReply: "RoomBooked",
			FailureReply: "NoRoom", Compensation: "CancelRoom", CompensatedReply: "RoomCancelled", Timeout: 10 * time.Second},
		{Name: "pay", Participant: "payment.commands", Action: "Pay", SuccessReply: "Paid", FailureReply: "Declined"},
	}}
}

// trip is a runner of trip sagas over a fresh store, with a settable clock,
// metrics and a finish hook that records what finished.
type trip struct {
	db     *sql.DB
	store  driver.Store
	clock  *clock
	reg    *prometheus.Registry
	runner *runner.Runner

	mu       sync.Mutex
	finished []string // "saga-id STATE", once per saga the hook heard of
}

func newTrip(t *testing.T) *trip {
	env := driverenv.New(t)
	f := &trip{db: env.SQL, store: env.Store, clock: &clock{now: time.Now()}, reg: prometheus.NewRegistry()}
	defs, err := saga.NewRegistry(tripDefinition())
	require.NoError(t, err)
	sagas, err := metrics.NewSagas(f.reg)
	require.NoError(t, err)
	l := logrus.New()
	l.SetOutput(io.Discard)
	f.runner, err = runner.New(runner.Config{Store: env.Store, Registry: defs, Logger: logrus.NewEntry(l),
		Now: f.clock.Now, Metrics: sagas})
	require.NoError(t, err)
	f.runner.OnFinish("trip", func(_ context.Context, _ driver.Tx, insts []*saga.Instance) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, in := range insts {
			f.finished = append(f.finished, in.ID+" "+string(in.State))
		}
		return nil
	})
	return f
}

// start starts a trip saga and returns its id.
func (f *trip) start(t *testing.T) string {
	id := saga.NewID()
	require.NoError(t, f.store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return f.runner.Start(ctx, tx, "trip", saga.StartInput{ID: id, Data: json.RawMessage(`{"trip":"t1"}`)})
	}))
	return id
}

// command is the latest command of msgType to saga id.
func (f *trip) command(t *testing.T, id, msgType string) saga.Envelope {
	var payload string
	require.NoError(t, f.db.QueryRowContext(ctx, `SELECT payload FROM outbox
		WHERE message_type = $1 AND partition_key = $2 ORDER BY id DESC LIMIT 1`, msgType, id).Scan(&payload))
	env, err := saga.DecodeEnvelope([]byte(payload))
	require.NoError(t, err)
	return env
}

// sent counts the outbox rows of msgType to saga id and their distinct
// message ids.
func (f *trip) sent(t *testing.T, id, msgType string) (rows, ids int) {
	require.NoError(t, f.db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT message_id) FROM outbox
		WHERE message_type = $1 AND partition_key = $2`, msgType, id).Scan(&rows, &ids))
	return rows, ids
}

// read hands envs to the runner as the replies of one read.
func (f *trip) read(t *testing.T, envs ...saga.Envelope) {
	msgs := make([]transport.Message, len(envs))
	for i, env := range envs {
		msgs[i] = entry(t, env)
	}
	for _, err := range f.runner.HandleReplies(ctx, msgs) {
		require.NoError(t, err)
	}
}

// fire advances the clock and runs the timers; it returns how many sagas
// were due.
func (f *trip) fire(t *testing.T, after time.Duration) int {
	f.clock.advance(after)
	n, err := f.runner.FireDue(ctx, 10)
	require.NoError(t, err)
	return n
}

func (f *trip) saga(t *testing.T, id string) *saga.Instance {
	inst, err := f.store.GetSaga(ctx, id)
	require.NoError(t, err)
	return inst
}

// history is "kind step" for each line of saga id's history.
func (f *trip) history(t *testing.T, id string) []string {
	hist, err := f.store.History(ctx, id)
	require.NoError(t, err)
	out := make([]string, len(hist))
	for i, h := range hist {
		out[i] = h.Kind + " " + h.Step
	}
	return out
}

// outcomes counts the step durations recorded for step and outcome.
func (f *trip) outcomes(t *testing.T, step, outcome string) uint64 {
	mfs, err := f.reg.Gather()
	require.NoError(t, err)
	want := map[string]string{"saga_type": "trip", "step": step, "outcome": outcome}
	for _, mf := range mfs {
		for _, s := range mf.GetMetric() {
			if mf.GetName() == "streamsaga_saga_step_duration_seconds" && sameLabels(s, want) {
				return s.GetHistogram().GetSampleCount()
			}
		}
	}
	return 0
}
