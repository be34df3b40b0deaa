package saga

import (
	"strconv"

	"github.com/google/uuid"
)

// NewID returns a new saga or message id: a UUID version 7, whose first 48
// bits are the time in milliseconds and the rest random. A process's ids
// sort in the order it made them, and ids of several processes by the
// millisecond of their clocks, so the database indexes keyed by them
// (sagas, orders, history, barrier records, inboxes) grow at their right
// edge, where the pages are in memory, instead of at a random page of an
// index that outgrows the cache. An id tells when it was made, to the
// millisecond.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// ValidID reports whether s is a UUID in its 36-character form, the only
// one ids are written in (uuid.Parse also takes urn:uuid:..., braces and
// no hyphens, which a database column of uuid refuses in part).
func ValidID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

var commandNamespace = uuid.MustParse("6f1c2a52-3b0e-4f55-9d1e-5a0f2b7c9e11")

// CommandID derives the message id of a command from the saga, the step, the
// kind of command ("action" or "compensation") and the attempt. The same
// inputs always give the same id, so a command that is written or sent again
// is recognised as a duplicate by the participant's inbox. A saga id made
// by NewID lends its time to the command's id (derive).
func CommandID(sagaID, step, kind string, attempt int) string {
	name := sagaID + "/" + step + "/" + kind + "/" + strconv.Itoa(attempt)
	return derive(sagaID, name)
}

// DerivedID derives a message id from another message id and a label, for
// messages that are a deterministic consequence of one input message. An
// id that carries a time (NewID's, or one derived from it) lends it to
// the derived id (derive).
func DerivedID(messageID, label string) string {
	return derive(messageID, messageID+"#"+label)
}

// derive is the SHA-1 name-based UUID (version 5) of name. When from is a
// UUID of version 7, or one derive made from such (version 8), the result
// instead keeps from's first 48 bits, its time in milliseconds, over the
// hash's and is marked version 8: ids derived from a saga's sort with it
// in the inboxes' indexes, as the saga's own ids do. Either way the same
// inputs give the same id.
func derive(from, name string) string {
	id := uuid.NewSHA1(commandNamespace, []byte(name))
	src, err := uuid.Parse(from)
	if err != nil || (src.Version() != 7 && src.Version() != 8) {
		return id.String()
	}
	copy(id[:6], src[:6])
	id[6] = 0x80 | id[6]&0x0f // version 8; the variant stays RFC 4122's
	return id.String()
}
