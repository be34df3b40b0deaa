package inventorypg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Tx is one inventory transaction: the shared outbox, inbox and barrier of
// saga/pg plus the inventory's own operations.
type Tx struct {
	pg.Messaging
}

var _ inventory.Tx = (*Tx)(nil)

func newTx(tx pgx.Tx) inventory.Tx { return &Tx{Messaging: pg.NewMessaging(tx)} }

// Reserve moves the items' units from available to reserved, all or nothing.
func (t *Tx) Reserve(ctx context.Context, sagaID string, items []inventory.Item) (string, error) {
	want, failure := inventory.Aggregate(items)
	if failure != "" {
		return failure, nil
	}
	released, err := t.reservationState(ctx, sagaID)
	if err != nil {
		return "", err
	}
	if released != nil {
		return releasedFailure(*released), nil
	}
	available, err := t.lockStock(ctx, inventory.SKUs(want))
	if err != nil {
		return "", err
	}
	if failure := inventory.Shortage(want, available); failure != "" {
		return failure, nil
	}
	return "", t.move(ctx, sagaID, want)
}

// reservationState is nil when sagaID has no reservation, else whether it
// was released.
func (t *Tx) reservationState(ctx context.Context, sagaID string) (*bool, error) {
	var released *bool
	if err := t.DB.QueryRow(ctx, reservationStateSQL, sagaID).Scan(&released); err != nil {
		return nil, fmt.Errorf("reading reservation of saga %s: %w", sagaID, err)
	}
	return released, nil
}

// releasedFailure answers a Reserve for a saga that already has a
// reservation: nothing to do, or refused if it was released.
func releasedFailure(released bool) string {
	if released {
		return inventory.ReasonReleased
	}
	return ""
}

// lockStock locks the rows of skus in SKU order and returns their
// available units.
func (t *Tx) lockStock(ctx context.Context, skus []string) (map[string]int64, error) {
	rows, err := t.DB.Query(ctx, lockStockSQL, skus)
	if err != nil {
		return nil, fmt.Errorf("locking stock: %w", err)
	}
	available := map[string]int64{}
	var sku string
	var n int64
	_, err = pgx.ForEachRow(rows, []any{&sku, &n}, func() error {
		available[sku] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("locking stock: %w", err)
	}
	return available, nil
}

func (t *Tx) move(ctx context.Context, sagaID string, want []inventory.Item) error {
	qty := make([]int64, len(want))
	for i, it := range want {
		qty[i] = it.Quantity
	}
	if _, err := t.DB.Exec(ctx, reserveSQL, sagaID, inventory.SKUs(want), qty); err != nil {
		return fmt.Errorf("reserving stock for saga %s: %w", sagaID, err)
	}
	return nil
}

// Release returns the units of sagaID's unreleased reservations.
func (t *Tx) Release(ctx context.Context, sagaID string) error {
	if _, err := t.DB.Exec(ctx, lockReleaseSQL, sagaID); err != nil {
		return fmt.Errorf("locking stock of saga %s: %w", sagaID, err)
	}
	if _, err := t.DB.Exec(ctx, releaseSQL, sagaID); err != nil {
		return fmt.Errorf("releasing reservation of saga %s: %w", sagaID, err)
	}
	return nil
}
