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

// Reserve moves the items' units from available to reserved, all or
// nothing: ReserveMany for one saga.
func (t *Tx) Reserve(ctx context.Context, sagaID string, items []inventory.Item) (string, error) {
	failures, err := t.ReserveMany(ctx, []inventory.Reservation{{SagaID: sagaID, Items: items}})
	if err != nil {
		return "", err
	}
	return failures[0], nil
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
