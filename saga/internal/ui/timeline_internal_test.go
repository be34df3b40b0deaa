package ui

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

func TestACommandThatCouldNotBeBuiltIsAFailureOnTheTimeline(t *testing.T) {
	label, tone := describe(saga.HistoryEntry{Kind: saga.HistoryPayloadFailed, Step: "pay", MessageType: "Pay",
		Detail: "step pay: building Pay: ${input.amount}: the saga's input has no value at amount"}, saga.StateRunning, map[string]bool{})
	require.Equal(t, "command not built", label)
	require.Equal(t, "failure", tone)
}
