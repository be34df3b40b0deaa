package pgdriver_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/drivertest"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func TestPostgresStoreConformance(t *testing.T) {
	url := testenv.Database(t)
	drivertest.Run(t, func(t *testing.T) driver.Store {
		pool, err := pg.Connect(context.Background(), url, pgdriver.Schema)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		_, err = pool.Exec(context.Background(), "TRUNCATE sagas, saga_history, inbox, outbox")
		require.NoError(t, err)
		return pgdriver.New(pool)
	})
}
