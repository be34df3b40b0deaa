package orders

import (
	"context"

	"github.com/google/uuid"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
)

// canonical is a UUID in its canonical form, or s as it is if it is none.
func canonical(s string) string {
	u, err := uuid.Parse(s)
	if err != nil {
		return s
	}
	return u.String()
}

// ownersOf finds the orders of sagas, by canonical saga id.
func ownersOf(ctx context.Context, tx orderstore.Tx, sagaIDs []string) (map[string]orderstore.Order, error) {
	ids := make([]string, len(sagaIDs))
	for i, id := range sagaIDs {
		ids[i] = canonical(id)
	}
	found, err := tx.OrdersBySagaIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]orderstore.Order, len(found))
	for id, o := range found {
		out[canonical(id)] = o
	}
	return out, nil
}

// mayStart tells whether c may start a saga: its saga id must be the one
// its order was placed with, and the order still PENDING. Anything else
// (a forged event, or a repeat of an order that has ended) starts nothing.
func (e *Events) mayStart(c created, owners map[string]orderstore.Order) bool {
	o, ok := owners[canonical(c.env.SagaID)]
	log := e.log.WithFields(logrus.Fields{"saga_id": c.env.SagaID, "order_id": c.data.OrderID, "message_id": c.env.MessageID})
	switch {
	case !ok || canonical(o.ID) != canonical(c.data.OrderID):
		log.Warn("OrderCreated names an order that was not placed with this saga id; no saga started")
		return false
	case o.Status != orderstore.OrderPending:
		log.WithField("status", o.Status).Info("OrderCreated for an order that has ended; no saga started")
		return false
	}
	return true
}

// ownsOrder tells whether inst is the saga its order was placed with;
// only that saga may set the order's outcome.
func ownsOrder(inst *saga.Instance, orderID string, owners map[string]orderstore.Order) bool {
	o, ok := owners[canonical(inst.ID)]
	return ok && canonical(o.ID) == canonical(orderID)
}

func instIDs(insts []*saga.Instance) []string {
	ids := make([]string, len(insts))
	for i, inst := range insts {
		ids[i] = inst.ID
	}
	return ids
}

// notTheOrdersSaga is the history line of a saga that ended without
// touching an order it was not placed with.
func notTheOrdersSaga(inst *saga.Instance, orderID string) saga.HistoryEntry {
	return saga.HistoryEntry{At: inst.UpdatedAt, Kind: HistoryOrderNotOwned,
		Detail: "order " + orderID + " was not placed with this saga; its status is left as it is"}
}

// HistoryOrderNotOwned is the history kind of a saga that ended for an
// order it was not placed with, and left that order alone.
const HistoryOrderNotOwned = "order_not_owned"
