package pgdriver

import (
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// NewDriver is the engine's driver over a pool connected with
// search_path=orchestrator (pg.Connect(ctx, url, pgdriver.Schema)): the
// store's transactions hand their outbox messages to the driver's courier,
// which publishes them right after commit. The driver closes the pool.
func NewDriver(pool *pgxpool.Pool) driver.Driver {
	b := pg.NewBackend(pool, Schema)
	return driver.New(b, FromDB(b.DB()))
}
