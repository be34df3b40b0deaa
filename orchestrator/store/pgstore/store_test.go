package pgstore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/store"
	"github.com/streamsaga/streamsaga/orchestrator/store/pgstore"
	"github.com/streamsaga/streamsaga/orchestrator/store/storetest"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func TestPostgresStoreConformance(t *testing.T) {
	url := testenv.Database(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		pool, err := pg.Connect(context.Background(), url, pgstore.Schema)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		_, err = pool.Exec(context.Background(), "TRUNCATE orders, sagas, saga_history, inbox, outbox")
		require.NoError(t, err)
		return pgstore.New(pool)
	})
}
