package orders

import (
	"context"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/store"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// Sweep finds PENDING orders whose saga has not started although they were
// placed (or last swept) more than stallAfter ago, and writes their
// OrderCreated event again: the first one was lost, for example when Redis
// lost its data before the orchestrator read the event. Starting a saga is
// idempotent, so a needless resend is harmless. It returns how many orders
// it found.
func (s *Service) Sweep(ctx context.Context, stallAfter time.Duration, limit int, log *logrus.Entry) (int, error) {
	var n int
	err := s.store.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		now := s.now().UTC()
		stalled, err := tx.ClaimStalledOrders(ctx, now.Add(-stallAfter), limit)
		if err != nil {
			return err
		}
		n = len(stalled)
		for _, o := range stalled {
			if err := resendCreated(ctx, tx, o, now); err != nil {
				return err
			}
			log.WithField("order_id", o.ID).WithField("saga_id", o.SagaID).Warn("order has no saga yet; OrderCreated sent again")
		}
		return nil
	})
	return n, err
}

func resendCreated(ctx context.Context, tx store.Tx, o store.Order, now time.Time) error {
	msg, err := createdEvent(o, "")
	if err != nil {
		return err
	}
	if err := tx.AddMessages(ctx, []outbox.Message{msg}); err != nil {
		return err
	}
	return tx.TouchOrder(ctx, o.ID, now)
}
