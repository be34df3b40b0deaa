package sdkpg_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/sdk/sdkpg"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
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

func newMessaging(tx pgx.Tx) pg.Messaging { return pg.NewMessaging(tx) }

// A store over a DB hands what its transactions commit to the DB's
// dispatcher; a store over the bare pool hands nothing over.
func TestStoreFromDBHandsMessagesToItsDispatcher(t *testing.T) {
	ctx, pool, d := t.Context(), sdktest.Pool(t, "inventory"), &keptDispatcher{}
	wired := sdkpg.StoreFromDB(pg.NewDB(pool, pg.DBConfig{Dispatcher: d}), newMessaging)
	plain := sdkpg.NewStore(pool, newMessaging)
	add := func(s sdkpg.Store[pg.Messaging], m outbox.Message) {
		require.NoError(t, s.InTx(ctx, func(_ context.Context, tx pg.Messaging) error {
			return tx.AddMessages(ctx, []outbox.Message{m})
		}))
	}

	add(plain, storetest.NewMessage("a", 0))
	require.Empty(t, d.kept())
	want := storetest.NewMessage("a", 1)
	add(wired, want)
	storetest.RequireSame(t, []outbox.Message{want}, d.kept())
}
