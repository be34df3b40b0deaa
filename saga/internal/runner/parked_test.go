package runner_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
)

// seedVersion stores n order sagas that started on the given definition
// version, due once their first step's timeout passed.
func seedVersion(t *testing.T, st driver.Store, n, version int, at time.Time) []string {
	t.Helper()
	insts := make([]*saga.Instance, n)
	ids := make([]string, n)
	for i := range insts {
		data, _ := json.Marshal(ordersaga.Data{OrderID: saga.NewID(), CustomerID: "c1", TotalCents: 10})
		inst, _, err := saga.Engine{ReplyTo: "r"}.Start(ordersaga.Definition(), saga.StartInput{ID: saga.NewID(), Data: data, Now: at})
		require.NoError(t, err)
		inst.DefinitionVersion = version
		insts[i], ids[i] = inst, inst.ID
	}
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		_, err := tx.CreateSagas(ctx, insts)
		return err
	}))
	return ids
}

// checkParksUnknown is the timer with more due sagas of an unknown version
// than one pass takes, and one valid due saga: every pass ends, the valid
// saga advances, the others are parked and never claimed again.
func checkParksUnknown(t *testing.T, st driver.Store, r *runner.Runner, c *clock, validID string) {
	unknown := seedVersion(t, st, 70, 9, c.Now())
	c.advance(11 * time.Second)
	done := make(chan error, 1)
	go func() { done <- r.FireAllDue(ctx, 64) }()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(20 * time.Second):
		t.Fatal("FireAllDue never returned: it keeps claiming the same sagas")
	}
	valid, err := st.GetSaga(ctx, validID)
	require.NoError(t, err)
	require.Equal(t, 2, valid.Steps[0].Attempts, "the valid saga's timer fired")
	for _, id := range unknown {
		inst, err := st.GetSaga(ctx, id)
		require.NoError(t, err)
		require.Contains(t, inst.Parked, "version 9")
	}
	hist, err := st.History(ctx, unknown[0])
	require.NoError(t, err)
	require.Equal(t, saga.HistoryParked, hist[len(hist)-1].Kind)
	require.Contains(t, hist[len(hist)-1].Detail, "version 9")
	c.advance(time.Hour)
	n, err := r.FireDue(ctx, 100)
	require.NoError(t, err)
	require.Equal(t, 1, n, "only the valid saga comes due again")
}

func TestTimerParksSagasOfUnknownVersion(t *testing.T) {
	f := newFixture(t)
	c := &clock{now: time.Now()}
	r := f.runnerAt(t, c)
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	checkParksUnknown(t, f.store, r, c, created.SagaID)
}

func TestTimerParksSagasOfUnknownVersionSQLite(t *testing.T) {
	m := newMetered(t)
	msg, sagaID := m.created(t)
	require.NoError(t, m.events.Handle(ctx, msg))
	checkParksUnknown(t, m.store, m.runner, m.clock, sagaID)
	require.Equal(t, 70.0, m.counter(t, "streamsaga_sagas_parked_total", order))
}

func TestTimerParksSagaWhoseStepsDoNotMatch(t *testing.T) {
	m := newMetered(t)
	id := seedVersion(t, m.store, 1, 1, m.clock.Now())[0]
	_, err := m.db.SQL.ExecContext(ctx, `UPDATE sagas SET steps = '[]' WHERE id = ?`, id)
	require.NoError(t, err)
	m.fire(t, 11*time.Second)
	inst, err := m.store.GetSaga(ctx, id)
	require.NoError(t, err)
	require.Contains(t, inst.Parked, "0 stored steps")
	require.Equal(t, 1.0, m.counter(t, "streamsaga_sagas_parked_total", order))
}

func TestUnparkKnownTakesUpSagasOfANowKnownVersion(t *testing.T) {
	m := newMetered(t)
	now := m.clock.Now()
	known, unknown := seedVersion(t, m.store, 1, 2, now)[0], seedVersion(t, m.store, 1, 7, now)[0]
	m.fire(t, 11*time.Second)

	v2 := ordersaga.Definition()
	v2.Version = 2
	reg, err := saga.NewRegistry(ordersaga.Definition(), v2)
	require.NoError(t, err)
	r, err := runner.New(runner.Config{Store: m.store, Registry: reg, Now: m.clock.Now})
	require.NoError(t, err)
	n, err := r.UnparkKnown(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)

	inst, err := m.store.GetSaga(ctx, known)
	require.NoError(t, err)
	require.Empty(t, inst.Parked)
	hist, err := m.store.History(ctx, known)
	require.NoError(t, err)
	require.Equal(t, saga.HistoryUnparked, hist[len(hist)-1].Kind)
	inst, err = m.store.GetSaga(ctx, unknown)
	require.NoError(t, err)
	require.NotEmpty(t, inst.Parked, "a version still unknown stays parked")

	got, err := r.FireDue(ctx, 10)
	require.NoError(t, err)
	require.Equal(t, 1, got, "the unparked saga is due at once")
	inst, err = m.store.GetSaga(ctx, known)
	require.NoError(t, err)
	require.Equal(t, 2, inst.Steps[0].Attempts, "its timer resent the overdue command on version 2")
	require.NotNil(t, inst.NextDeadline())
}
