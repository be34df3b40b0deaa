package payment

import (
	"context"
	"errors"

	"github.com/streamsaga/streamsaga/participants/resource"
	"github.com/streamsaga/streamsaga/participants/sdk"
)

// ErrInvalid is wrapped by stores when a value breaks a rule of the model,
// such as a negative balance; the HTTP API answers it 422.
var ErrInvalid = resource.ErrInvalid

// ErrBalanceOverflow is returned by Refund when giving the charge back
// would take the balance past the largest int64; nothing changes.
var ErrBalanceOverflow = errors.New("the refund would take the balance past the largest amount")

// Account is a customer's account.
type Account struct {
	CustomerID   string `json:"customer_id"`
	BalanceCents int64  `json:"balance_cents"`
}

// Store is the payment service's storage.
type Store interface {
	sdk.Store[Tx]
	// SetBalance sets the balance of customerID, creating the account if
	// needed. A negative balance wraps ErrInvalid.
	SetBalance(ctx context.Context, customerID string, balanceCents int64) (Account, error)
	// GetAccount returns the account of customerID or saga.ErrNotFound.
	GetAccount(ctx context.Context, customerID string) (Account, error)
	// Ping checks that the storage answers.
	Ping(ctx context.Context) error
}

// Tx is a transaction of the payment storage: the SDK's messaging plus the
// payment service's own operations.
type Tx interface {
	sdk.Tx
	// Charge takes amount from customerID's balance for sagaID. It returns a
	// failure reason, and changes nothing, when the account does not exist
	// (UnknownAccount), the balance is short (ReasonInsufficientFunds) or the
	// amount is negative (InvalidAmount); zero charges nothing. A saga is never charged twice: charging again
	// changes nothing and succeeds, or fails with ReasonRefunded if the
	// charge was refunded.
	Charge(ctx context.Context, sagaID, customerID string, amount int64) (failure string, err error)
	// ChargeMany charges for several sagas at once and returns a failure
	// per request, in order: what Charge would return for each if they ran
	// one after the other in that order, with the same effect.
	ChargeMany(ctx context.Context, reqs []Charge) (failures []string, err error)
	// Refund gives sagaID's charge back, once. Refunding again, or a saga
	// that was never charged, changes nothing. A refund that would take the
	// balance past the largest int64 fails with ErrBalanceOverflow and
	// changes nothing.
	Refund(ctx context.Context, sagaID string) error
}
