package paymentpg

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Tx is one payment transaction: the shared outbox, inbox and barrier of
// saga/pg plus the payment service's own operations.
type Tx struct {
	pg.Messaging
}

var _ payment.Tx = (*Tx)(nil)

func newTx(tx pgx.Tx) payment.Tx { return &Tx{Messaging: pg.NewMessaging(tx)} }

// Charge takes amount from customerID's balance for sagaID, at most once.
func (t *Tx) Charge(ctx context.Context, sagaID, customerID string, amount int64) (string, error) {
	if amount < 0 {
		return payment.InvalidAmount(amount), nil
	}
	balance, found, err := t.lockAccount(ctx, customerID)
	if err != nil {
		return "", err
	}
	if !found {
		return payment.UnknownAccount(customerID), nil
	}
	charged, refunded, err := t.paymentState(ctx, sagaID)
	switch {
	case err != nil:
		return "", err
	case refunded:
		return payment.ReasonRefunded, nil
	case charged:
		return "", nil
	case balance < amount:
		return payment.ReasonInsufficientFunds, nil
	}
	return "", t.debit(ctx, sagaID, customerID, amount)
}

func (t *Tx) lockAccount(ctx context.Context, customerID string) (balance int64, found bool, err error) {
	err = t.DB.QueryRow(ctx, lockAccountSQL, customerID).Scan(&balance)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("locking account %s: %w", customerID, err)
	}
	return balance, true, nil
}

func (t *Tx) paymentState(ctx context.Context, sagaID string) (charged, refunded bool, err error) {
	err = t.DB.QueryRow(ctx, paymentStateSQL, sagaID).Scan(&refunded)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, false, nil
	}
	if err != nil {
		return false, false, fmt.Errorf("reading payment of saga %s: %w", sagaID, err)
	}
	return true, refunded, nil
}

func (t *Tx) debit(ctx context.Context, sagaID, customerID string, amount int64) error {
	if _, err := t.DB.Exec(ctx, debitSQL, customerID, amount); err != nil {
		return fmt.Errorf("debiting account %s: %w", customerID, err)
	}
	if _, err := t.DB.Exec(ctx, insertPaymentSQL, sagaID, customerID, amount); err != nil {
		return fmt.Errorf("recording payment of saga %s: %w", sagaID, err)
	}
	return nil
}

// Refund gives sagaID's charge back, once.
func (t *Tx) Refund(ctx context.Context, sagaID string) error {
	if _, err := t.DB.Exec(ctx, refundSQL, sagaID); err != nil {
		return fmt.Errorf("refunding saga %s: %w", sagaID, err)
	}
	return nil
}
