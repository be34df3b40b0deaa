package sqlitedriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga/driver"
)

// OrdersBySagaIDs finds the orders of sagas, by saga id.
func (t *tx) OrdersBySagaIDs(ctx context.Context, sagaIDs []string) (map[string]driver.Order, error) {
	found := make(map[string]driver.Order, len(sagaIDs))
	if len(sagaIDs) == 0 {
		return found, nil
	}
	arg, err := encodeRows(canonicalIDs(sagaIDs))
	if err != nil {
		return nil, err
	}
	rows, err := t.tx.SQL.QueryContext(ctx, qOrdersBySagas, arg)
	if err != nil {
		return nil, fmt.Errorf("finding the orders of %d sagas: %w", len(sagaIDs), err)
	}
	orders, err := collect(rows, scanOrder)
	if err != nil {
		return nil, fmt.Errorf("finding the orders of %d sagas: %w", len(sagaIDs), err)
	}
	for _, o := range orders {
		found[o.SagaID] = o
	}
	return found, nil
}
