package pgdriver

import (
	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga/driver"
)

// Wrap is the engine's view of tx, a transaction the caller began on the
// database of a Store (search_path=orchestrator): sagas, history, inbox and
// outbox rows written through it commit or roll back with the caller's own
// statements. The caller owns the commit, so no courier hears of it: the
// outbox rows it adds are published by the relay.
func Wrap(tx pgx.Tx) driver.Tx { return newTx(tx, nil) }

// Unwrap is the pgx transaction under tx, an engine transaction of this
// driver (Store.InTx, Wrap), so that an application can run its own
// statements in it; false when tx belongs to another driver.
func Unwrap(tx driver.Tx) (pgx.Tx, bool) { return unwrap(tx) }

func unwrap(d driver.Tx) (pgx.Tx, bool) {
	t, ok := d.(*tx)
	if !ok {
		return nil, false
	}
	return t.tx, true
}
