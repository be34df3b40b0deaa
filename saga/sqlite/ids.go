package sqlite

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/streamsaga/streamsaga/saga"
)

// Ids are UUIDs stored as text. PostgreSQL's uuid type accepts any spelling
// of a UUID and compares them as values; on SQLite every id is brought to
// the canonical lower-case form before it is stored or looked up.

// CanonicalID is id in canonical form, and whether it is a UUID at all. An
// id that is not a UUID is returned as it is: looked up, it finds nothing.
func CanonicalID(id string) (string, bool) {
	u, err := uuid.Parse(id)
	if err != nil {
		return id, false
	}
	return u.String(), true
}

// CanonicalIDs is CanonicalID of each of ids.
func CanonicalIDs(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i], _ = CanonicalID(id)
	}
	return out
}

// UUIDColumn is id as stored in a uuid column, or an error naming what it
// is if it is not a UUID.
func UUIDColumn(what, id string) (string, error) {
	c, ok := CanonicalID(id)
	if !ok {
		return "", fmt.Errorf("%s %q is not a UUID", what, id)
	}
	return c, nil
}

// NotFound turns "no row" into saga.ErrNotFound and leaves other errors
// as they are.
func NotFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return saga.ErrNotFound
	}
	return err
}
