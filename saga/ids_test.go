package saga

import "testing"

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
