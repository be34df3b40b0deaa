package sqlitedriver

import (
	"fmt"

	"github.com/google/uuid"
)

// Ids are UUIDs stored as text. PostgreSQL's uuid type accepts any spelling
// of a UUID and compares them as values; here every id is brought to the
// canonical lower-case form before it is stored or looked up.

// canonicalID is id in canonical form, and whether it is a UUID at all. An
// id that is not a UUID is returned as it is: looked up, it finds nothing.
func canonicalID(id string) (string, bool) {
	u, err := uuid.Parse(id)
	if err != nil {
		return id, false
	}
	return u.String(), true
}

// canonicalIDs is canonicalID of each of ids.
func canonicalIDs(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i], _ = canonicalID(id)
	}
	return out
}

// uuidColumn is id as stored in a uuid column, or an error naming what it
// is if it is not a UUID.
func uuidColumn(what, id string) (string, error) {
	c, ok := canonicalID(id)
	if !ok {
		return "", fmt.Errorf("%s %q is not a UUID", what, id)
	}
	return c, nil
}
