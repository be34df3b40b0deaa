package pgdriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
)

// CountSagasByState counts the sagas in each state with one GROUP BY; every
// state of saga.States is in the map, zero when no saga is in it.
func (s *Store) CountSagasByState(ctx context.Context) (map[saga.State]int64, error) {
	rows, err := s.pool.Query(ctx, qCountByState)
	if err != nil {
		return nil, fmt.Errorf("counting sagas by state: %w", err)
	}
	defer rows.Close()
	out := make(map[saga.State]int64, len(saga.States))
	for _, st := range saga.States {
		out[st] = 0
	}
	for rows.Next() {
		var state string
		var n int64
		if err := rows.Scan(&state, &n); err != nil {
			return nil, fmt.Errorf("counting sagas by state: %w", err)
		}
		st, err := saga.ParseState(state)
		if err != nil {
			return nil, fmt.Errorf("counting sagas by state: %w", err)
		}
		out[st] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("counting sagas by state: %w", err)
	}
	return out, nil
}
