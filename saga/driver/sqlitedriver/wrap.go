package sqlitedriver

import (
	"database/sql"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// Wrap is the engine's view of tx, a transaction the caller began on the
// database file of a store (db.SQL of a file opened with Open): sagas,
// history, inbox and outbox rows written through it commit or roll back
// with the caller's own statements. The caller owns the commit, so nothing
// wakes the relays at once: they find the outbox rows it added when they
// next look at the file (saga/sqlite's OutboxSource polls for that).
func Wrap(tx *sql.Tx) driver.Tx { return newTx(&sqlite.Tx{SQL: tx}) }

// Unwrap is the *sql.Tx under tx, an engine transaction of this driver
// (InTx, Wrap), so that an application can run its own statements in it;
// false when tx belongs to another driver.
func Unwrap(tx driver.Tx) (*sql.Tx, bool) { return unwrap(tx) }

func unwrap(d driver.Tx) (*sql.Tx, bool) {
	t, ok := d.(*tx)
	if !ok {
		return nil, false
	}
	return t.tx.SQL, true
}
