package runner

import (
	"context"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// startOnce answers req from the saga its key names, if any, and else
// starts a new saga holding the key, in one transaction. It is
// driver.ErrIdempotencyKeyUsed when another transaction took the key
// meanwhile: the unique key decides which one started the saga.
func (r *Runner) startOnce(ctx context.Context, req StartRequest, key driver.RequestKey) (Started, error) {
	var out Started
	err := r.cfg.Store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		prev, stored, err := tx.SagaByIdempotencyKey(ctx, key.Key)
		if err == nil {
			out = Started{ID: prev.ID, Type: prev.Type, Replayed: true}
			return checkSameRequest(stored, key)
		}
		if !errors.Is(err, saga.ErrNotFound) {
			return err
		}
		out = Started{ID: saga.NewID(), Type: req.Type}
		return r.startKeyed(ctx, tx, req, out.ID, key)
	})
	if err != nil {
		return Started{}, fmt.Errorf("starting a %s saga: %w", req.Type, err)
	}
	return out, nil
}

// startKeyed is Start for one saga stored with the key of its request. A
// first command whose data cannot be built from the request refuses it.
func (r *Runner) startKeyed(ctx context.Context, tx driver.Tx, req StartRequest, id string, key driver.RequestKey) error {
	in := saga.StartInput{ID: id, Data: req.Data, TraceParent: req.TraceParent}
	create := func(ctx context.Context, tx driver.Tx, insts []*saga.Instance) (map[string]bool, error) {
		if err := tx.CreateKeyedSaga(ctx, insts[0], key); err != nil {
			return nil, err
		}
		return map[string]bool{insts[0].ID: true}, nil
	}
	err := r.startMany(ctx, tx, req.Type, []saga.StartInput{in}, create)
	if pe := (*saga.PayloadError)(nil); errors.As(err, &pe) && saga.IsPermanent(pe.Err) {
		return &StartRefusedError{Reason: pe.Reason()}
	}
	return err
}
