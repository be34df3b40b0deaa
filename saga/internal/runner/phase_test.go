package runner_test

import (
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
)

// A participant that answers a compensation with the action's failure type
// (the natural guess for "try again later") is told so in a warning.
func TestReplyOfTheOtherPhaseIsWarnedAbout(t *testing.T) {
	f := newFixture(t)
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	reserve := f.command(t, ordersaga.ReserveInventory)
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(reserve, ordersaga.InventoryReserved))))
	failed := replyTo(f.command(t, ordersaga.ProcessPayment), ordersaga.PaymentFailed)
	failed.Error = &saga.ReplyError{Message: "declined"}
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, failed)))
	release := f.command(t, ordersaga.ReleaseInventory)

	wrong := replyTo(release, ordersaga.InventoryReservationFailed)
	wrong.Error = &saga.ReplyError{Message: "database down", Retryable: true}
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, wrong)))

	var warned *logrus.Entry
	for _, e := range f.logs.AllEntries() {
		if e.Level == logrus.WarnLevel && e.Data["message_id"] == wrong.MessageID {
			warned = e
		}
	}
	require.NotNil(t, warned, "no warning for a reply of the other phase")
	require.Equal(t, created.SagaID, warned.Data["saga_id"])
	require.Contains(t, warned.Message, ordersaga.InventoryReleased)
	require.Contains(t, warned.Message, "error.retryable")
}
