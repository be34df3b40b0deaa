package engine

import (
	"context"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// Start is a saga to start: the fields of saga.StartInput the caller
// chooses (the engine stamps the time).
type Start = saga.StartInput

// StartTx starts a saga of sagaType inside tx: the saga row, its first
// history lines and its first command are written with whatever else tx
// does, and take effect only when the caller commits. The id must be a
// UUID (saga.NewID); a saga whose id exists already is left as it is, so
// a redelivered request or event starts nothing twice.
func (e *Engine) StartTx(ctx context.Context, tx driver.Tx, sagaType string, in Start) error {
	return e.run.Start(ctx, tx, sagaType, in)
}

// StartManyTx is StartTx for many sagas of one type, with one insert of
// the sagas, one of their history and one of their first commands.
func (e *Engine) StartManyTx(ctx context.Context, tx driver.Tx, sagaType string, ins []Start) error {
	return e.run.StartMany(ctx, tx, sagaType, ins)
}

// StartFreshManyTx is StartManyTx for sagas whose ids the caller has just
// made with saga.NewID, as a service does when it starts a saga with a
// record of its own. Nothing is read back, so on PostgreSQL the sagas
// travel with the transaction's commit instead of a round trip of their
// own. An id that exists is not left alone: the call or the commit fails
// with an error wrapping saga.ErrDuplicate, and nothing of the
// transaction is kept.
func (e *Engine) StartFreshManyTx(ctx context.Context, tx driver.Tx, sagaType string, ins []Start) error {
	return e.run.StartManyFresh(ctx, tx, sagaType, ins)
}

// InTx runs fn in one transaction of the engine's store and commits it
// (see driver.Store.InTx): the way to start sagas together with the
// application's own rows when the application does not hold a
// transaction of its own.
func (e *Engine) InTx(ctx context.Context, fn func(ctx context.Context, tx driver.Tx) error) error {
	return e.store.InTx(ctx, fn)
}
