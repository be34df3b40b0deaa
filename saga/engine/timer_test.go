package engine_test

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// countingStore counts the transactions begun on the engine's store: the
// timer's looks, and nothing else while the engine is idle.
type countingStore struct {
	driver.Store
	txs atomic.Int64
}

func (s *countingStore) InTx(ctx context.Context, fn func(ctx context.Context, tx driver.Tx) error) error {
	s.txs.Add(1)
	return s.Store.InTx(ctx, fn)
}

// unanswered is a saga whose one step nobody answers: its command is sent
// again after each short timeout.
func unanswered() *saga.Definition {
	return saga.Typed[Greeting]{
		Type: "unanswered", Version: 1,
		Steps: []saga.TypedStep[Greeting]{{Name: "ask", Participant: "nobody.commands", Action: "Ask",
			SuccessReply: "Answered", FailureReply: "Refused", Timeout: 300 * time.Millisecond,
			Retry: saga.RetryPolicy{MaxAttempts: 3}}},
	}.Definition()
}

// timerEngine is an engine over a fresh connection to the database url,
// its store counted.
func timerEngine(t *testing.T, url string, rdb redis.UniversalClient, prefix string) (*engine.Engine, *countingStore) {
	t.Helper()
	pool, err := pg.Connect(t.Context(), url, pgdriver.Schema)
	require.NoError(t, err)
	drv := pgdriver.NewDriver(pool)
	st := &countingStore{Store: drv.Store()}
	e, err := engine.New(engine.Config{Driver: driver.New(drv, st), Redis: noClose{rdb}, Prefix: prefix,
		Definitions: []*saga.Definition{unanswered()}})
	require.NoError(t, err)
	return e, st
}

func TestIdleEngineTimerAsksTheDatabaseOnlyForFullLooks(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	e, st := timerEngine(t, testenv.Database(t), rdb, prefix)
	require.NoError(t, e.Start(t.Context()))
	t.Cleanup(func() { _ = e.Stop(context.Background()) })

	before := st.txs.Load()
	time.Sleep(2 * time.Second) // eight passes of 250 ms
	looks := st.txs.Load() - before
	require.GreaterOrEqual(t, looks, int64(1), "the first pass looks")
	require.LessOrEqual(t, looks, int64(3), "a full look a second, not one a pass")
}

func TestEngineTimerFiresItsOwnDeadlinesAndAnotherEngines(t *testing.T) {
	ctx := t.Context()
	rdb, prefix := testenv.Redis(t)
	url := testenv.Database(t)
	running, _ := timerEngine(t, url, rdb, prefix)
	require.NoError(t, running.Start(ctx))
	t.Cleanup(func() { _ = running.Stop(context.Background()) })
	other, _ := timerEngine(t, url, rdb, prefix) // writes sagas, never started
	t.Cleanup(other.Close)

	own, foreign := start(t, running), start(t, other)
	for name, id := range map[string]string{"own": own, "another engine's": foreign} {
		require.Eventually(t, func() bool {
			inst, err := running.Store().GetSaga(ctx, id)
			return err == nil && inst.Steps[0].Attempts >= 2
		}, 10*time.Second, 20*time.Millisecond, "the running engine sends %s saga's command again after its timeout", name)
	}
}

// start starts an unanswered saga on e and returns its id.
func start(t *testing.T, e *engine.Engine) string {
	t.Helper()
	id := saga.NewID()
	data, err := json.Marshal(Greeting{Name: "Ada"})
	require.NoError(t, err)
	require.NoError(t, e.Store().InTx(t.Context(), func(ctx context.Context, tx driver.Tx) error {
		return e.StartTx(ctx, tx, "unanswered", engine.Start{ID: id, Data: data})
	}))
	return id
}
