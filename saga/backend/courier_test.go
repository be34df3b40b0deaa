package backend_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/storetest"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// On PostgreSQL the courier, once started, publishes what the
// transactions of the backend's DB commit, deletes the rows and
// counts it in its metrics; after Stop the rows are the relay's again.
func TestCourierOnPostgres(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), "inventory")
	require.NoError(t, err)
	defer pool.Close()
	db, rec := pg.NewBackend(pool, "inventory"), storetest.NewRecorder()
	c, err := db.Courier(rec, storetest.QuietLogger())
	require.NoError(t, err)
	reg := prometheus.NewRegistry()
	require.NoError(t, reg.Register(c.Collectors()[0]))
	require.NoError(t, c.Start(ctx))

	want := []outbox.Message{storetest.NewMessage("a", 0), storetest.NewMessage("a", 1)}
	add(ctx, t, db.DB(), want...)
	storetest.RequireSame(t, want, rec.WaitFor(t, 2, 5*time.Second))
	storetest.WaitForBacklog(ctx, t, db.Source(), 0, 5*time.Second)
	require.NoError(t, testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP streamsaga_outbox_courier_published_total Messages the service's courier published right after their commit.
# TYPE streamsaga_outbox_courier_published_total counter
streamsaga_outbox_courier_published_total 2
`), "streamsaga_outbox_courier_published_total"))

	require.NoError(t, c.Stop(ctx))
	add(ctx, t, db.DB(), storetest.NewMessage("b", 0))
	var leased bool
	require.NoError(t, pool.QueryRow(ctx, "SELECT lease_until IS NOT NULL FROM outbox").Scan(&leased))
	require.False(t, leased, "after Stop, rows are the relay's")
}

// The courier of one service's backend reaches none of the other
// backends over the same pool: their transactions write rows for the relay.
func TestCourierStaysWithItsDB(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), "inventory")
	require.NoError(t, err)
	defer pool.Close()
	wired, other, rec := pg.NewBackend(pool, "inventory"), pg.NewBackend(pool, "inventory"), storetest.NewRecorder()
	c, err := wired.Courier(rec, storetest.QuietLogger())
	require.NoError(t, err)
	require.NoError(t, c.Start(ctx))
	defer func() { require.NoError(t, c.Stop(ctx)) }()

	add(ctx, t, other.DB(), storetest.NewMessage("a", 0))
	var leased bool
	require.NoError(t, pool.QueryRow(ctx, "SELECT lease_until IS NOT NULL FROM outbox").Scan(&leased))
	require.False(t, leased, "the other DB's row is the relay's")
	require.Empty(t, rec.Messages())
}

// On SQLite the courier does nothing and has no metrics.
func TestCourierOnSQLiteDoesNothing(t *testing.T) {
	ctx := t.Context()
	file, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	defer file.Close()
	c, err := sqlite.NewBackend(file).Courier(storetest.NewRecorder(), storetest.QuietLogger())
	require.NoError(t, err)
	require.Empty(t, c.Collectors())
	require.NoError(t, c.Start(ctx))
	require.NoError(t, c.Stop(ctx))
}

func add(ctx context.Context, t *testing.T, db pg.Beginner, msgs ...outbox.Message) {
	t.Helper()
	require.NoError(t, pg.InTx(ctx, db, func(tx pgx.Tx) error {
		return pg.NewMessaging(tx).AddMessages(ctx, msgs)
	}))
}
