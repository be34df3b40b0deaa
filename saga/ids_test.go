package saga

import (
	"testing"

	"github.com/google/uuid"
)

func TestValidIDWantsTheCanonicalForm(t *testing.T) {
	const id = "7d1c8a5e-0000-4000-8000-000000000000"
	for s, want := range map[string]bool{
		id: true, NewID(): true, "7D1C8A5E-0000-4000-8000-000000000000": true,
		"urn:uuid:" + id: false, "{" + id + "}": false, "7d1c8a5e000040008000000000000000": false,
		"nope": false, "": false,
	} {
		if got := ValidID(s); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", s, got, want)
		}
	}
}

// Ids made later sort after earlier ones, as text and as the database's
// uuid: they are UUIDs of version 7.
func TestNewIDsAreTimeOrdered(t *testing.T) {
	prev := NewID()
	for range 10000 {
		id := NewID()
		if u := uuid.MustParse(id); u.Version() != 7 || u.Variant() != uuid.RFC4122 {
			t.Fatalf("NewID() = %s: version %d, variant %s", id, u.Version(), u.Variant())
		}
		if id <= prev {
			t.Fatalf("NewID() = %s after %s", id, prev)
		}
		prev = id
	}
}

// Ids derived from ids without a time are the name-based UUIDs (version
// 5) they always were, so that sagas started before ids carried a time
// keep their commands' and replies' ids.
func TestIDsDerivedFromRandomIDsAreUnchanged(t *testing.T) {
	const sagaID = "7d1c8a5e-0000-4000-8000-000000000000"
	if got, want := CommandID(sagaID, "reserve", "action", 1), "0ecc2809-807d-5eb6-a898-bda39ad25504"; got != want {
		t.Errorf("CommandID = %s, want %s", got, want)
	}
	if got, want := DerivedID(sagaID, "reply"), "0e7dc0c1-5614-5a91-90a6-5ae8fa67ddfc"; got != want {
		t.Errorf("DerivedID = %s, want %s", got, want)
	}
}

// Ids derived from a saga's id keep its time through every derivation
// (command, reply to it, event after it), are the same for the same
// inputs and differ for others.
func TestDerivedIDsKeepTheTimeOfTheirSource(t *testing.T) {
	sagaID := NewID()
	cmd := CommandID(sagaID, "reserve", "action", 1)
	reply := DerivedID(cmd, "reply")
	for _, id := range []string{cmd, reply, DerivedID(reply, "event")} {
		u := uuid.MustParse(id)
		if u.Version() != 8 || u.Variant() != uuid.RFC4122 || !ValidID(id) {
			t.Fatalf("%s: version %d, variant %s", id, u.Version(), u.Variant())
		}
		if id[:13] != sagaID[:13] {
			t.Errorf("%s does not start with the time of saga %s", id, sagaID)
		}
	}
	if cmd != CommandID(sagaID, "reserve", "action", 1) {
		t.Error("the same inputs gave another id")
	}
	if cmd == CommandID(sagaID, "reserve", "action", 2) || cmd == CommandID(sagaID, "reserve", "compensation", 1) {
		t.Error("other inputs gave the same id")
	}
}
