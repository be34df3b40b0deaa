package sqlitedriver

import (
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// NewDriver is the engine's driver over an SQLite file opened with Open.
// The driver closes the file.
func NewDriver(db *sqlite.DB) driver.Driver { return driver.New(sqlite.NewBackend(db), New(db)) }
