package orders

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

func TestStartedHereRemembersTheLatestOnce(t *testing.T) {
	s := newStartedHere(2)
	a, b, c, d := saga.NewID(), saga.NewID(), saga.NewID(), saga.NewID()
	s.add([]string{a, b})
	require.True(t, s.take(strings.ToUpper(a)), "ids compare as UUIDs")
	require.False(t, s.take(a), "taken once")
	s.add([]string{c, "not-a-uuid", d})
	require.False(t, s.take(b), "the oldest is forgotten beyond the size")
	require.True(t, s.take(c))
	require.True(t, s.take(d))

	var none *startedHere
	none.add([]string{a})
	require.False(t, none.take(a))
}
