package engine_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// StartFreshManyTx starts sagas as StartManyTx does, on PostgreSQL and on
// SQLite; an id that exists fails the transaction with saga.ErrDuplicate,
// and nothing of it is kept: neither the other saga nor its history.
func TestStartFreshManyTxStartsNewSagasAndRefusesAnExistingID(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	cfg := engine.Config{Definitions: []*saga.Definition{greeting()}}
	sqlite, _, _ := sqliteEngine(ctx, t, cfg)
	pool, err := pg.Connect(ctx, testenv.Database(t), pgdriver.Schema)
	require.NoError(t, err)
	rdb, prefix := testenv.Redis(t)
	cfg.Driver, cfg.Redis, cfg.Prefix = pgdriver.NewDriver(pool), noClose{rdb}, prefix
	postgres, err := engine.New(cfg)
	require.NoError(t, err)

	for name, e := range map[string]*engine.Engine{"sqlite": sqlite, "postgres": postgres} {
		t.Run(name, func(t *testing.T) {
			start := func(ids ...string) error {
				var ins []engine.Start
				for i, id := range ids {
					data, _ := json.Marshal(Greeting{Name: string(rune('A' + i))})
					ins = append(ins, engine.Start{ID: id, Data: data})
				}
				return e.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
					return e.StartFreshManyTx(ctx, tx, "greeting", ins)
				})
			}
			a, b, c := saga.NewID(), saga.NewID(), saga.NewID()
			require.NoError(t, start(a, b))
			for _, id := range []string{a, b} {
				got, err := e.Store().GetSaga(ctx, id)
				require.NoError(t, err)
				require.Equal(t, saga.StateRunning, got.State)
				hist, err := e.Store().History(ctx, id)
				require.NoError(t, err)
				require.NotEmpty(t, hist, "its first history lines")
			}

			require.ErrorIs(t, start(c, a), saga.ErrDuplicate)
			_, err := e.Store().GetSaga(ctx, c)
			require.ErrorIs(t, err, saga.ErrNotFound, "the new saga is not kept")
			hist, err := e.Store().History(ctx, c)
			require.NoError(t, err)
			require.Empty(t, hist)
		})
	}
}
