package inventorysqlite

import (
	"context"

	"github.com/streamsaga/streamsaga/participants/inventory"
)

// ReserveMany runs Reserve for each request in order. SQLite runs in the
// process, so a statement costs no round trip and one per request is as
// cheap as a set-based plan.
func (t *Tx) ReserveMany(ctx context.Context, reqs []inventory.Reservation) ([]string, error) {
	failures := make([]string, len(reqs))
	for i, r := range reqs {
		f, err := t.Reserve(ctx, r.SagaID, r.Items)
		if err != nil {
			return nil, err
		}
		failures[i] = f
	}
	return failures, nil
}
