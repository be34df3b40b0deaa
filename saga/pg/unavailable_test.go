package pg_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func TestUnavailableClassification(t *testing.T) {
	ctx := context.Background()
	dbURL := testenv.Database(t)
	pool, err := pg.Connect(ctx, dbURL, "inventory")
	require.NoError(t, err)
	t.Cleanup(pool.Close)

	err = pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "SELEC 1")
		return err
	})
	require.Error(t, err)
	require.False(t, saga.IsUnavailable(err), "a wrong statement is not an outage")
	require.False(t, pg.IsUnavailable(errors.New("boom")))

	admin, err := pgx.Connect(ctx, testenv.PostgresURL())
	require.NoError(t, err)
	defer admin.Close(ctx)
	u, _ := url.Parse(dbURL)
	name := strings.TrimPrefix(u.Path, "/")
	_, err = admin.Exec(ctx, "ALTER DATABASE "+name+" WITH ALLOW_CONNECTIONS false")
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "ALTER DATABASE "+name+" WITH ALLOW_CONNECTIONS true") })
	_, err = admin.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name)
	require.NoError(t, err)

	err = pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "SELECT 1")
		return err
	})
	require.Error(t, err)
	require.True(t, saga.IsUnavailable(err), "an outage is classified: %v", err)
}
