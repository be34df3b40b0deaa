package saga

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNextStateTransitions(t *testing.T) {
	cases := []struct {
		from  State
		event string
		to    State
	}{
		{StateRunning, EventComplete, StateCompleted},
		{StateRunning, EventFail, StateCompensating},
		{StateCompensating, EventCompensated, StateCompensated},
		{StateCompensating, EventGiveUp, StateFailed},
		{StateFailed, EventResume, StateCompensating},
	}
	for _, c := range cases {
		to, changed, err := NextState(c.from, c.event)
		require.NoError(t, err, "%s --%s-->", c.from, c.event)
		require.True(t, changed)
		require.Equal(t, c.to, to)
	}
}

func TestNextStateRepeatIsNoOp(t *testing.T) {
	to, changed, err := NextState(StateCompleted, EventComplete)
	require.NoError(t, err)
	require.False(t, changed)
	require.Equal(t, StateCompleted, to)

	st, changed, err := NextStepState(StepSucceeded, StepEventSucceed)
	require.NoError(t, err)
	require.False(t, changed)
	require.Equal(t, StepSucceeded, st)
}

func TestNextStateIllegalIsTypedError(t *testing.T) {
	_, _, err := NextState(StateCompleted, EventFail)
	var ill *IllegalTransitionError
	require.True(t, errors.As(err, &ill), "got %v", err)
	require.Equal(t, "saga", ill.Machine)
	require.Equal(t, string(StateCompleted), ill.From)

	_, _, err = NextState(StateRunning, "no-such-event")
	require.True(t, errors.As(err, &ill))

	_, _, err = NextStepState(StepPending, StepEventCompensated)
	require.True(t, errors.As(err, &ill))
	require.Equal(t, "step", ill.Machine)
}

func TestRestoredGarbageStateIsRejected(t *testing.T) {
	_, _, err := NextState(State("BOGUS"), EventComplete)
	var ill *IllegalTransitionError
	require.True(t, errors.As(err, &ill))
	_, err = ParseState("BOGUS")
	require.Error(t, err)
	st, err := ParseState("COMPENSATED")
	require.NoError(t, err)
	require.True(t, st.Terminal())
}
