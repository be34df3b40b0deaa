package driver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
)

// CreateAllSagas is CreateFreshSagas for a Tx without FreshCreator's
// round-trip saving: CreateSagas, then saga.ErrDuplicate if one of insts
// existed (the caller rolls back, so nothing is kept).
func CreateAllSagas(ctx context.Context, tx Tx, insts []*saga.Instance) error {
	created, err := tx.CreateSagas(ctx, insts)
	if err != nil {
		return err
	}
	for _, in := range insts {
		if !created[in.ID] {
			return fmt.Errorf("inserting saga %s: it exists: %w", in.ID, saga.ErrDuplicate)
		}
	}
	return nil
}
