package orderpg_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderpg"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderstoretest"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func TestPostgresOrderStoreConformance(t *testing.T) {
	url := testenv.Database(t)
	orderstoretest.Run(t, func(t *testing.T) orderstoretest.Stores {
		pool, err := pg.Connect(context.Background(), url, pgdriver.Schema)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		_, err = pool.Exec(context.Background(), "TRUNCATE orders, sagas, saga_history, inbox, outbox")
		require.NoError(t, err)
		return orderstoretest.Stores{Engine: pgdriver.New(pool), Orders: orderpg.New(pool)}
	})
}
