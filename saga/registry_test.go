package saga

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func testDef(version int, steps ...string) *Definition {
	d := &Definition{Type: "t", Version: version}
	for _, n := range steps {
		d.Steps = append(d.Steps, Step{Name: n, Participant: "p.commands", Action: "Do", SuccessReply: "Done", FailureReply: "Failed"})
	}
	return d
}

func TestRegistryKeepsEveryVersion(t *testing.T) {
	v1, v2 := testDef(0, "a"), testDef(2, "a", "b")
	r, err := NewRegistry(v2, v1)
	require.NoError(t, err)
	require.Equal(t, 1, v1.EffectiveVersion(), "a definition without a version is version 1")

	got, err := r.Get("t")
	require.NoError(t, err)
	require.Same(t, v2, got, "Get returns the newest version")
	got, err = r.GetVersion("t", 1)
	require.NoError(t, err)
	require.Same(t, v1, got)
	_, err = r.GetVersion("t", 3)
	require.ErrorIs(t, err, ErrNotFound)
	_, err = r.GetVersion("other", 1)
	require.ErrorIs(t, err, ErrNotFound)
	require.Equal(t, []*Definition{v1, v2}, r.All(), "every version, by type then version")
	require.Equal(t, []*Definition{v2}, r.Newest(), "the newest of each type")

	_, err = NewRegistry(testDef(1, "a"), testDef(1, "b"))
	require.ErrorContains(t, err, `saga type "t" version 1 registered twice`)
}

func TestCanonicalIsTheStructureOnly(t *testing.T) {
	a, b := testDef(1, "a", "b"), testDef(1, "a", "b")
	b.Steps[0].ActionPayload = func(PayloadInput) (any, error) { return nil, nil }
	ca, err := a.Canonical()
	require.NoError(t, err)
	cb, err := b.Canonical()
	require.NoError(t, err)
	require.Equal(t, ca, cb, "the Go functions are not part of the structure")
	require.Equal(t, Digest(ca), Digest(cb))
	require.Contains(t, string(ca), `"version":1`)
	require.Contains(t, string(ca), `"timeout":"30s"`)

	b.Steps[1].Timeout = 5 * time.Second
	cb, err = b.Canonical()
	require.NoError(t, err)
	require.NotEqual(t, ca, cb, "a changed timeout is another structure")
	require.NotEqual(t, Digest(ca), Digest(cb))
}

func TestRegistryListsParticipantStreamsOfEveryVersion(t *testing.T) {
	v1 := &Definition{Type: "order", Version: 1, Steps: []Step{
		{Name: "pay", Participant: "payment.commands", Action: "Pay", SuccessReply: "Paid", FailureReply: "Declined"},
		{Name: "ship", Participant: "shipping.commands", Action: "Ship", SuccessReply: "Shipped", FailureReply: "Lost"},
	}}
	v2 := &Definition{Type: "order", Version: 2, Steps: []Step{
		{Name: "pay", Participant: "payment.commands", Action: "Pay", SuccessReply: "Paid", FailureReply: "Declined"},
	}}
	pre := &Definition{Type: "preorder", Steps: []Step{
		{Name: "hold", Participant: "preorders.commands", Action: "Hold", SuccessReply: "Held", FailureReply: "Refused"},
		{Name: "pay", Participant: "payment.commands", Action: "Pay", SuccessReply: "Paid", FailureReply: "Declined"},
	}}
	r, err := NewRegistry(v2, pre, v1)
	require.NoError(t, err)
	require.Equal(t, []string{"payment.commands", "preorders.commands", "shipping.commands"}, r.ParticipantStreams(),
		"sorted, each once, including those only an older version names")

	empty, err := NewRegistry()
	require.NoError(t, err)
	require.Empty(t, empty.ParticipantStreams())
}
