package sqlitedriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
)

// stateCount is one row of qCountByState.
type stateCount struct {
	state saga.State
	n     int64
}

// CountSagasByState counts the sagas in each state with one GROUP BY; every
// state of saga.States is in the map, zero when no saga is in it.
func (s *sqliteStore) CountSagasByState(ctx context.Context) (map[saga.State]int64, error) {
	rows, err := s.db.SQL.QueryContext(ctx, qCountByState)
	if err != nil {
		return nil, fmt.Errorf("counting sagas by state: %w", err)
	}
	counts, err := collect(rows, scanStateCount)
	if err != nil {
		return nil, fmt.Errorf("counting sagas by state: %w", err)
	}
	out := make(map[saga.State]int64, len(saga.States))
	for _, st := range saga.States {
		out[st] = 0
	}
	for _, c := range counts {
		out[c.state] = c.n
	}
	return out, nil
}

// scanStateCount reads a state and its count.
func scanStateCount(r row) (stateCount, error) {
	var c stateCount
	var state string
	if err := r.Scan(&state, &c.n); err != nil {
		return c, err
	}
	st, err := saga.ParseState(state)
	if err != nil {
		return c, err
	}
	c.state = st
	return c, nil
}
