package sqlitedriver

import (
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// tx is one engine transaction; the outbox and inbox come from
// saga/sqlite.
type tx struct {
	sqlite.Messaging
	tx *sqlite.Tx
}

var _ driver.Tx = (*tx)(nil)
var _ driver.FreshCreator = (*tx)(nil)

func newTx(t *sqlite.Tx) *tx { return &tx{Messaging: sqlite.NewMessaging(t), tx: t} }
