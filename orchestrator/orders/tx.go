package orders

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// orderTx is one transaction as the order tables (embedded) and the engine
// see it.
type orderTx struct {
	orderstore.Tx
	engine driver.Tx
}

// withOrders is tx with the order tables of orders in it.
func withOrders(orders orderstore.Store, tx driver.Tx) (orderTx, error) {
	o, err := orders.From(tx)
	if err != nil {
		return orderTx{}, fmt.Errorf("reaching the orders in the transaction: %w", err)
	}
	return orderTx{Tx: o, engine: tx}, nil
}

// inTx runs fn in one transaction of st, with the order tables of orders
// in it.
func inTx(ctx context.Context, st driver.Store, orders orderstore.Store, fn func(ctx context.Context, tx orderTx) error) error {
	return st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		otx, err := withOrders(orders, tx)
		if err != nil {
			return err
		}
		return fn(ctx, otx)
	})
}
