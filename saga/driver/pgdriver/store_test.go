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

func TestPostgresDriverConformance(t *testing.T) {
	drivertest.RunDriver(t, func(t *testing.T) driver.Driver {
		pool, err := pg.Connect(context.Background(), testenv.Database(t), pgdriver.Schema)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		return pgdriver.NewDriver(pool)
	}, false)
}
