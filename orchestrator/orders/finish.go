package orders

import (
	"context"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
)

// ended is a saga that ended COMPLETED or COMPENSATED, with its data, the
// outcome it gives its order and the event that announces it.
type ended struct {
	inst    *saga.Instance
	data    ordersaga.Data
	outcome orderstore.OrderOutcome
	event   string
}

// endedOrders are the sagas of insts that decide their order's outcome.
func endedOrders(insts []*saga.Instance) ([]ended, error) {
	var out []ended
	for _, inst := range insts {
		status, eventType, ok := outcomeOf(inst)
		if !ok {
			continue
		}
		data, err := ordersaga.Decode(inst.Data)
		if err != nil {
			return nil, saga.Permanent(err)
		}
		out = append(out, ended{inst: inst, data: data, event: eventType,
			outcome: orderstore.OrderOutcome{ID: data.OrderID, SagaID: inst.ID, Status: status, Reason: inst.Failure}})
	}
	return out, nil
}

// ownersOfUnchanged finds, by canonical saga id, the orders of the ended
// sagas whose order FinishOrders did not change: either it already had
// the outcome, or it is not the saga's. Usually there are none, and
// nothing is read.
func ownersOfUnchanged(ctx context.Context, tx orderstore.Tx, all []ended, changed map[string]orderstore.Order) (map[string]orderstore.Order, error) {
	var ids []string
	for _, x := range all {
		if _, ok := changed[canonical(x.inst.ID)]; !ok {
			ids = append(ids, x.inst.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return ownersOf(ctx, tx, ids)
}
