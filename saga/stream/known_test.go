package stream_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/stream"
)

func TestKnownAddsTheEngineStreamsSortedOnce(t *testing.T) {
	got := stream.Known("preorders.commands", "orders.events", stream.Outbox, "preorders.commands", "")
	require.Equal(t, []string{"orchestrator.replies", "orders.events", "outbox", "preorders.commands"}, got)
	require.Equal(t, []string{stream.OrchestratorReply, stream.Outbox}, stream.Known())
}
