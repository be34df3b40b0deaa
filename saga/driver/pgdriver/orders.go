package pgdriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// OrdersBySagaIDs finds the orders of sagas, by saga id.
func (t *tx) OrdersBySagaIDs(ctx context.Context, sagaIDs []string) (map[string]driver.Order, error) {
	found := make(map[string]driver.Order, len(sagaIDs))
	if len(sagaIDs) == 0 {
		return found, nil
	}
	rows, err := t.tx.Query(ctx, qOrdersBySagas, sagaIDs)
	if err != nil {
		return nil, fmt.Errorf("finding the orders of %d sagas: %w", len(sagaIDs), pg.InterpretError(err))
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, fmt.Errorf("reading the order of a saga: %w", err)
		}
		found[o.SagaID] = o
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("finding the orders of %d sagas: %w", len(sagaIDs), pg.InterpretError(err))
	}
	return found, nil
}
