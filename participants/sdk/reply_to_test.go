package sdk_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// A command whose reply_to is not a reply stream of the installation is
// refused for good (the consumer dead-letters it with the reason and
// acknowledges it): nothing is reserved and no reply is written.
func TestUnknownReplyStreamIsRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, to := range []string{"cart:42", commandStream, stream.OrchestratorReply + ".dlq"} {
		cmd := reserveCmd(saga.NewID(), item("A", 1))
		cmd.ReplyTo = to
		err := e.deliver(cmd)
		require.True(t, saga.IsPermanent(err), "%s: %v", to, err)
		require.ErrorIs(t, err, sdk.ErrUnknownReplyStream, to)
		require.ErrorContains(t, err, to)

		errs := e.deliverEntries(entryOf(t, cmd), entryOf(t, reserveCmd(saga.NewID(), item("B", 1))))
		require.ErrorIs(t, errs[0], sdk.ErrUnknownReplyStream, "batch: %s", to)
	}
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	require.Len(t, e.replies(), 3, "only the good commands of the batches were answered")
}

// Config.ReplyStreams replaces the default set.
func TestConfiguredReplyStreams(t *testing.T) {
	t.Parallel()
	_, store := openStore(t)
	p, err := sdk.NewWithSteps(store, sdk.Config{Name: inventory.Name, Logger: quietLogger(),
		ReplyStreams: []string{"hotel.replies"}}, inventory.Step())
	require.NoError(t, err)
	inventorytest.SetStock(t, store, "A", 10)
	cmd := reserveCmd(saga.NewID(), item("A", 1))
	require.ErrorIs(t, p.Handle(t.Context(), entryOf(t, cmd)), sdk.ErrUnknownReplyStream)
	cmd.ReplyTo = "hotel.replies"
	require.NoError(t, p.Handle(t.Context(), entryOf(t, cmd)))
	inventorytest.RequireStock(t, store, "A", 9, 1)
}
