package host

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/retention"
	"github.com/streamsaga/streamsaga/saga/service"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

const day = 24 * time.Hour

// Barrier records are kept for SAGA_RETENTION, never less than
// INBOX_RETENTION, and forever when it is off.
func TestBarrierRetention(t *testing.T) {
	for _, c := range []struct {
		cfg  config.Config
		want time.Duration
	}{
		{config.Config{}, retention.DefaultSagaRetention},
		{config.Config{SagaRetention: 90 * day, InboxRetention: 7 * day}, 90 * day},
		{config.Config{SagaRetention: 2 * time.Hour, InboxRetention: 7 * day}, 7 * day},
		{config.Config{SagaRetention: 2 * time.Hour}, 7 * day},
		{config.Config{SagaRetention: retention.Off, InboxRetention: 7 * day}, retention.Off},
	} {
		require.Equal(t, c.want, BarrierRetention(c.cfg), "%+v", c.cfg)
	}
}

// On PostgreSQL the service's barrier purge deletes the records older
// than the retention, keeps the others, counts and logs what it deleted.
func TestBarrierPurgeOnPostgres(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), "inventory")
	require.NoError(t, err)
	defer pool.Close()
	_, err = pool.Exec(ctx, `INSERT INTO barrier (saga_id, step, action, updated_at)
		SELECT gen_random_uuid(), s, 'SUCCEEDED', now() - d * interval '1 day'
		  FROM unnest(ARRAY['reserve', 'release']) AS s, unnest(ARRAY[31, 45, 29, 1]) AS d`)
	require.NoError(t, err)
	d, log, hook := postgresDeps(t, pool)

	purge, err := barrierPurge(d, config.Config{}, log)
	require.NoError(t, err)
	n, err := purge.Run(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 4, n, "two steps of the sagas 31 and 45 days old")
	var left int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM barrier WHERE updated_at > now() - interval '30 days'`).Scan(&left))
	require.Equal(t, 4, left, "the records 29 days and a day old")
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM barrier`).Scan(&left))
	require.Equal(t, 4, left)
	require.NoError(t, testutil.GatherAndCompare(d.Metrics, strings.NewReader(`
# HELP streamsaga_barrier_records_purged_total Barrier records (one per saga step) deleted once untouched for longer than the saga retention.
# TYPE streamsaga_barrier_records_purged_total counter
streamsaga_barrier_records_purged_total 4
`), "streamsaga_barrier_records_purged_total"))
	require.Equal(t, "purged 4 barrier records", hook.LastEntry().Message)
}

// The purger runs every retention.Interval; with SAGA_RETENTION off there
// is none, and a database that cannot prune its barrier is refused unless
// it is off.
func TestBarrierPurger(t *testing.T) {
	pool, err := pg.Connect(t.Context(), testenv.Database(t), "inventory")
	require.NoError(t, err)
	defer pool.Close()
	d, log, _ := postgresDeps(t, pool)
	c, err := barrierPurger(d, config.Config{SagaRetention: 48 * time.Hour}, log)
	require.NoError(t, err)
	every, ok := c.(*service.Every)
	require.True(t, ok)
	require.Equal(t, retention.Interval, every.Interval)
	require.Equal(t, "barrier purger", every.Name)

	d, _, _ = postgresDeps(t, pool)
	c, err = barrierPurger(d, config.Config{SagaRetention: retention.Off}, log)
	require.NoError(t, err)
	require.Nil(t, c)

	d, _, _ = postgresDeps(t, pool)
	d.DB = struct{ backend.DB }{d.DB}
	_, err = barrierPurger(d, config.Config{}, log)
	require.ErrorContains(t, err, "cannot prune barrier records; set SAGA_RETENTION=off")
	d, _, _ = postgresDeps(t, pool)
	d.DB = struct{ backend.DB }{d.DB}
	c, err = barrierPurger(d, config.Config{SagaRetention: retention.Off}, log)
	require.NoError(t, err)
	require.Nil(t, c)
}

func postgresDeps(t *testing.T, pool *pgxpool.Pool) (Deps, *logrus.Entry, *test.Hook) {
	t.Helper()
	m, err := metrics.New()
	require.NoError(t, err)
	l, hook := test.NewNullLogger()
	l.SetOutput(io.Discard)
	return Deps{DB: pg.NewBackend(pool, "inventory"), Metrics: m}, logrus.NewEntry(l), hook
}
