package orders

import (
	"context"
	"fmt"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// MaxResends bounds how often the sweeper writes an order's OrderCreated
// again (with a stall period of 15 s, about five minutes); an order still
// without a saga after that is REJECTED with NeverStartedReason.
const MaxResends = 20

// NeverStartedReason is the reason of an order REJECTED by the sweeper.
func NeverStartedReason(resends int) string {
	return fmt.Sprintf("OrderCreated never started a saga after %d resends", resends)
}

// Sweep finds PENDING orders whose saga has not started although they were
// placed (or last swept) more than stallAfter ago, and writes their
// OrderCreated event again: the first one was lost, for example when Redis
// lost its data before the orchestrator read the event. Only an order
// placed without its saga (by an older version, or by a Service without a
// start function) can be found: one placed with it never is. Starting a
// saga is idempotent, so a needless resend is harmless. An order resent MaxResends
// times is REJECTED instead (its event is dead-lettered each time, say).
// It returns how many orders it found.
func (s *Service) Sweep(ctx context.Context, stallAfter time.Duration, limit int, log *logrus.Entry) (int, error) {
	var n int
	err := inTx(ctx, s.store, s.orders, func(ctx context.Context, tx orderTx) error {
		now := s.now().UTC()
		stalled, err := tx.ClaimStalledOrders(ctx, now.Add(-stallAfter), limit)
		if err != nil {
			return err
		}
		n = len(stalled)
		for _, o := range stalled {
			if err := resendOrReject(ctx, tx, o, now, log.WithField("order_id", o.ID).WithField("saga_id", o.SagaID)); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// resendOrReject writes o's OrderCreated again, or, once it was resent
// MaxResends times, ends o REJECTED.
func resendOrReject(ctx context.Context, tx orderTx, o orderstore.Order, now time.Time, log *logrus.Entry) error {
	resends, err := tx.NoteResend(ctx, o.ID, now)
	if err != nil {
		return err
	}
	if resends > MaxResends {
		reason := NeverStartedReason(MaxResends)
		log.Warn("order has no saga after its resends; REJECTED: " + reason)
		return tx.SetOrderStatuses(ctx, []orderstore.OrderOutcome{{ID: o.ID, SagaID: o.SagaID, Status: orderstore.OrderRejected, Reason: reason}})
	}
	_, msg, err := createdEvent(o, "")
	if err != nil {
		return err
	}
	if err := tx.engine.AddMessages(ctx, []outbox.Message{msg}); err != nil {
		return err
	}
	log.WithField("resends", resends).Warn("order has no saga yet; OrderCreated sent again")
	return nil
}
