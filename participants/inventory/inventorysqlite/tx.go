package inventorysqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// Tx is one inventory transaction: the shared outbox, inbox and barrier of
// saga/sqlite plus the inventory's own operations.
type Tx struct {
	sqlite.Messaging
	tx *sqlite.Tx
}

var _ inventory.Tx = (*Tx)(nil)

func newTx(tx *sqlite.Tx) inventory.Tx { return &Tx{Messaging: sqlite.NewMessaging(tx), tx: tx} }

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
	if released.Valid {
		return releasedFailure(released.Bool), nil
	}
	available, err := t.readStock(ctx, inventory.SKUs(want))
	if err != nil {
		return "", err
	}
	if failure := inventory.Shortage(want, available); failure != "" {
		return failure, nil
	}
	return "", t.move(ctx, sagaID, want)
}

// reservationState is NULL when sagaID has no reservation, else whether it
// was released.
func (t *Tx) reservationState(ctx context.Context, sagaID string) (sql.NullBool, error) {
	var released sql.NullBool
	if err := t.tx.SQL.QueryRowContext(ctx, reservationStateSQL, sagaID).Scan(&released); err != nil {
		return released, fmt.Errorf("reading reservation of saga %s: %w", sagaID, err)
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

// readStock returns the available units of skus. The transaction holds the
// write lock, so they stay as read until it ends.
func (t *Tx) readStock(ctx context.Context, skus []string) (map[string]int64, error) {
	arg, err := jsonRows(skus)
	if err != nil {
		return nil, err
	}
	rows, err := t.tx.SQL.QueryContext(ctx, readStockSQL, arg)
	if err != nil {
		return nil, fmt.Errorf("reading stock: %w", err)
	}
	defer rows.Close()
	available := map[string]int64{}
	for rows.Next() {
		var sku string
		var n int64
		if err := rows.Scan(&sku, &n); err != nil {
			return nil, fmt.Errorf("reading stock: %w", err)
		}
		available[sku] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading stock: %w", err)
	}
	return available, nil
}

// move moves the units of want and records the reservation lines.
func (t *Tx) move(ctx context.Context, sagaID string, want []inventory.Item) error {
	arg, err := jsonRows(want)
	if err != nil {
		return err
	}
	now := sqlite.Micros(time.Now())
	if _, err := t.tx.SQL.ExecContext(ctx, moveSQL, arg, now); err != nil {
		return fmt.Errorf("reserving stock for saga %s: %w", sagaID, err)
	}
	if _, err := t.tx.SQL.ExecContext(ctx, insertReservationSQL, sagaID, arg, now); err != nil {
		return fmt.Errorf("recording reservation of saga %s: %w", sagaID, err)
	}
	return nil
}

// Release returns the units of sagaID's unreleased reservations, then
// marks them released, so a second Release finds nothing to return.
func (t *Tx) Release(ctx context.Context, sagaID string) error {
	if _, err := t.tx.SQL.ExecContext(ctx, restoreSQL, sagaID, sqlite.Micros(time.Now())); err != nil {
		return fmt.Errorf("restoring stock of saga %s: %w", sagaID, err)
	}
	if _, err := t.tx.SQL.ExecContext(ctx, markReleasedSQL, sagaID); err != nil {
		return fmt.Errorf("releasing reservation of saga %s: %w", sagaID, err)
	}
	return nil
}

// jsonRows encodes v as the one JSON parameter a statement reads with
// json_each.
func jsonRows(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encoding statement rows: %w", err)
	}
	return string(b), nil
}
