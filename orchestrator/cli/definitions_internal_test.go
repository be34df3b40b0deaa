package cli

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

func TestStepListShowsAParallelGroupInBraces(t *testing.T) {
	steps := []saga.Step{{Name: "flight"}, {Name: "hotel", Group: "parallel-2"}, {Name: "car", Group: "parallel-2"},
		{Name: "pay"}, {Name: "a", Group: "parallel-4"}, {Name: "b", Group: "parallel-4"}}
	require.Equal(t, "flight, {hotel, car}, pay, {a, b}", stepList(steps))
	require.Equal(t, "", stepList(nil))
}
