package pgdriver_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// keptDispatcher keeps what it is given.
type keptDispatcher struct {
	mu   sync.Mutex
	msgs []outbox.Message
}

func (d *keptDispatcher) Dispatch(msgs []outbox.Message) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.msgs = append(d.msgs, msgs...)
}

func (d *keptDispatcher) Lease() time.Duration { return time.Minute }

func (d *keptDispatcher) kept() []outbox.Message {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.msgs
}

// A store over a DB hands what its transactions commit to the DB's
// dispatcher; a store over the bare pool hands nothing over.
func TestStoreFromDBHandsMessagesToItsDispatcher(t *testing.T) {
	ctx, d := t.Context(), &keptDispatcher{}
	pool, err := pg.Connect(ctx, testenv.Database(t), pgdriver.Schema)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	add := func(s *pgdriver.Store, m outbox.Message) {
		require.NoError(t, s.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
			return tx.AddMessages(ctx, []outbox.Message{m})
		}))
	}

	add(pgdriver.New(pool), storetest.NewMessage("a", 0))
	require.Empty(t, d.kept())
	want := storetest.NewMessage("a", 1)
	add(pgdriver.FromDB(pg.NewDB(pool, pg.DBConfig{Dispatcher: d})), want)
	storetest.RequireSame(t, []outbox.Message{want}, d.kept())
}
