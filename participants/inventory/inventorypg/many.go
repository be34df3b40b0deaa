package inventorypg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// ReserveMany reserves for several sagas in two round trips: the sagas'
// reservation states and the lock of every SKU they name (in SKU order)
// together, then one statement for every line, as inventory.Plan decides,
// which travels with the transaction's next statement (pg.ExecLater).
func (t *Tx) ReserveMany(ctx context.Context, reqs []inventory.Reservation) ([]string, error) {
	if len(reqs) == 0 {
		return nil, nil
	}
	released, available, err := t.readForReserve(ctx, reqs)
	if err != nil {
		return nil, err
	}
	failures, lines := inventory.Plan(reqs, released, available)
	if err := t.writeLines(ctx, lines); err != nil {
		return nil, err
	}
	return failures, nil
}

// readForReserve reads which of reqs' sagas have a reservation (and
// whether it was released), and locks the stock of their SKUs.
func (t *Tx) readForReserve(ctx context.Context, reqs []inventory.Reservation) (map[string]bool, map[string]int64, error) {
	b := &pgx.Batch{}
	released := map[string]bool{}
	available := map[string]int64{}
	pg.QueueMap(b, released, reservationStatesSQL, inventory.ReservationSagas(reqs))
	pg.QueueMap(b, available, lockStockSQL, inventory.ReservationSKUs(reqs))
	if err := t.DB.SendBatch(ctx, b).Close(); err != nil {
		return nil, nil, fmt.Errorf("reading reservations and locking stock of %d sagas: %w", len(reqs), err)
	}
	return released, available, nil
}

// writeLines moves the units of lines from available to reserved and
// records them.
func (t *Tx) writeLines(ctx context.Context, lines []inventory.Line) error {
	if len(lines) == 0 {
		return nil
	}
	sagas := make([]string, len(lines))
	skus := make([]string, len(lines))
	qty := make([]int64, len(lines))
	for i, l := range lines {
		sagas[i], skus[i], qty[i] = l.SagaID, l.SKU, l.Quantity
	}
	// Nothing reads the result: the write travels with the next statement.
	return pg.ExecLater(ctx, t.DB, fmt.Sprintf("reserving %d lines of stock", len(lines)), reserveLinesSQL, sagas, skus, qty)
}
