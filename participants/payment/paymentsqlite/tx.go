package paymentsqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// Tx is one payment transaction: the shared outbox, inbox and barrier of
// saga/sqlite plus the payment service's own operations.
type Tx struct {
	sqlite.Messaging
	tx *sqlite.Tx
}

var _ payment.Tx = (*Tx)(nil)

func newTx(tx *sqlite.Tx) payment.Tx { return &Tx{Messaging: sqlite.NewMessaging(tx), tx: tx} }

// Charge takes amount from customerID's balance for sagaID, at most once.
func (t *Tx) Charge(ctx context.Context, sagaID, customerID string, amount int64) (string, error) {
	if amount < 0 {
		return payment.InvalidAmount(amount), nil
	}
	balance, found, err := t.readBalance(ctx, customerID)
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

// readBalance reads the balance of customerID. The transaction holds the
// write lock, so it stays as read until the transaction ends.
func (t *Tx) readBalance(ctx context.Context, customerID string) (balance int64, found bool, err error) {
	err = t.tx.SQL.QueryRowContext(ctx, readBalanceSQL, customerID).Scan(&balance)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("reading account %s: %w", customerID, err)
	}
	return balance, true, nil
}

func (t *Tx) paymentState(ctx context.Context, sagaID string) (charged, refunded bool, err error) {
	err = t.tx.SQL.QueryRowContext(ctx, paymentStateSQL, sagaID).Scan(&refunded)
	if errors.Is(err, sql.ErrNoRows) {
		return false, false, nil
	}
	if err != nil {
		return false, false, fmt.Errorf("reading payment of saga %s: %w", sagaID, err)
	}
	return true, refunded, nil
}

func (t *Tx) debit(ctx context.Context, sagaID, customerID string, amount int64) error {
	now := sqlite.Micros(time.Now())
	if _, err := t.tx.SQL.ExecContext(ctx, debitSQL, customerID, amount, now); err != nil {
		return fmt.Errorf("debiting account %s: %w", customerID, err)
	}
	if _, err := t.tx.SQL.ExecContext(ctx, insertPaymentSQL, sagaID, customerID, amount, now); err != nil {
		return fmt.Errorf("recording payment of saga %s: %w", sagaID, err)
	}
	return nil
}

// Refund gives sagaID's charge back, once: it credits the account of an
// unrefunded payment, then marks the payment refunded, so a second Refund
// finds nothing to credit.
func (t *Tx) Refund(ctx context.Context, sagaID string) error {
	if err := t.checkRefundFits(ctx, sagaID); err != nil {
		return err
	}
	now := sqlite.Micros(time.Now())
	if _, err := t.tx.SQL.ExecContext(ctx, creditSQL, sagaID, now); err != nil {
		return fmt.Errorf("refunding saga %s: %w", sagaID, err)
	}
	if _, err := t.tx.SQL.ExecContext(ctx, markRefundedSQL, sagaID, now); err != nil {
		return fmt.Errorf("marking payment of saga %s refunded: %w", sagaID, err)
	}
	return nil
}

// checkRefundFits fails with payment.ErrBalanceOverflow when crediting
// sagaID's unrefunded payment would take its account's balance past the
// largest int64 (SQLite would turn the sum into a REAL).
func (t *Tx) checkRefundFits(ctx context.Context, sagaID string) error {
	var over bool
	err := t.tx.SQL.QueryRowContext(ctx, refundOverflowsSQL, sagaID).Scan(&over)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("checking the refund of saga %s: %w", sagaID, err)
	case over:
		return fmt.Errorf("refunding saga %s: %w", sagaID, payment.ErrBalanceOverflow)
	}
	return nil
}
