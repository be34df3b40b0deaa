package orderstore

import (
	"context"
	"errors"
	"time"

	"github.com/streamsaga/streamsaga/saga/driver"
)

// ErrIdempotencyKeyUsed is returned by InsertOrders when another order holds
// the idempotency key. It is the engine's driver.ErrIdempotencyKeyUsed, so
// errors.Is matches either name.
var ErrIdempotencyKeyUsed = driver.ErrIdempotencyKeyUsed

// ErrForeignTx is returned by From when the engine transaction it is given
// belongs to another driver than the order store's: the order statements
// could not run in it.
var ErrForeignTx = errors.New("the transaction is not one of the order store's database driver")

// Reader reads orders outside a transaction.
type Reader interface {
	// GetOrder reads an order; saga.ErrNotFound if there is none with id.
	GetOrder(ctx context.Context, id string) (Order, error)
	// OrderBySagaID finds the order a saga belongs to, or saga.ErrNotFound.
	OrderBySagaID(ctx context.Context, sagaID string) (Order, error)
}

// Tx is the order tables inside one transaction of the engine's store.
type Tx interface {
	// InsertOrders stores new orders in one statement;
	// ErrIdempotencyKeyUsed, and nothing stored, if one of their keys is
	// taken (or used twice among them). A store may send the statement
	// with the transaction's next one or its commit, which then fail with
	// the error.
	InsertOrders(ctx context.Context, orders []Order) error
	// OrdersByIdempotencyKeys finds the orders placed with keys, by key;
	// keys no order holds are absent.
	OrdersByIdempotencyKeys(ctx context.Context, keys []string) (map[string]Order, error)
	// OrdersBySagaIDs finds the orders the sagas were started for, by saga
	// id; sagas no order names are absent.
	OrdersBySagaIDs(ctx context.Context, sagaIDs []string) (map[string]Order, error)
	// SetOrderStatuses records the outcomes of orders in one statement;
	// saga.ErrNotFound if one of them does not exist (or is not the order
	// of the outcome's SagaID).
	SetOrderStatuses(ctx context.Context, outcomes []OrderOutcome) error
	// FinishOrders records the outcomes of sagas on the orders they were
	// placed with, in one statement, and returns the orders it changed,
	// as they are now, by saga id. An outcome whose order does not exist,
	// was placed with another saga than its SagaID, or already has its
	// status and reason changes nothing, and its order is absent: a
	// repeated call changes nothing.
	FinishOrders(ctx context.Context, outcomes []OrderOutcome) (map[string]Order, error)
	// ClaimStalledOrders locks up to limit PENDING orders last touched
	// before the given time whose saga does not exist, skipping locked ones.
	ClaimStalledOrders(ctx context.Context, before time.Time, limit int) ([]Order, error)
	// NoteResend records that an order's OrderCreated was written again at
	// the given time: it sets the order's updated_at and counts one more
	// resend, returning the count.
	NoteResend(ctx context.Context, id string, at time.Time) (int, error)
}

// LaterFinisher is a Tx that records sagas' outcomes on the condition
// that each of them changes its order, sending the statement with the
// transaction's next one or its commit, so that a finishing saga costs no
// round trip of its own. It is optional: without it, the orders are
// finished with FinishOrders.
type LaterFinisher interface {
	// FinishAllOrders is FinishOrders on the condition that the order of
	// every outcome (each of another saga, with UUID ids) changes. If one
	// does not, FinishAllOrders, or the statement or commit it travels
	// with, fails with an error wrapping ErrNotAllFinished and saga.ErrConflict,
	// after calling missed, and the transaction keeps nothing.
	FinishAllOrders(ctx context.Context, outcomes []OrderOutcome, missed func()) error
}

// ErrNotAllFinished is wrapped by FinishAllOrders when an order did not
// take its saga's outcome.
var ErrNotAllFinished = errors.New("an order did not take its saga's outcome")

// Store is an order store: its reads, and its view of the engine's
// transactions on the same database.
type Store interface {
	Reader
	// From is the order tables inside tx, a transaction of the engine's
	// store (driver.Store.InTx, a finish hook) on the same database; its
	// statements commit or roll back with tx. ErrForeignTx if tx belongs
	// to another driver.
	From(tx driver.Tx) (Tx, error)
}
