package paymentpg

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

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

// Charge takes amount from customerID's balance for sagaID, at most once,
// in one statement.
func (t *Tx) Charge(ctx context.Context, sagaID, customerID string, amount int64) (string, error) {
	if amount < 0 {
		return payment.InvalidAmount(amount), nil
	}
	var balance *int64
	var refunded *bool
	var charged bool
	if err := t.DB.QueryRow(ctx, chargeSQL, sagaID, customerID, amount).Scan(&balance, &refunded, &charged); err != nil {
		return "", fmt.Errorf("charging account %s for saga %s: %w", customerID, sagaID, err)
	}
	switch {
	case balance == nil:
		return payment.UnknownAccount(customerID), nil
	case refunded != nil && *refunded:
		return payment.ReasonRefunded, nil
	case refunded != nil || charged:
		return "", nil
	}
	return payment.ReasonInsufficientFunds, nil
}

// Refund gives sagaID's charge back, once. A balance the refund would take
// past the largest bigint fails the statement, which is
// payment.ErrBalanceOverflow.
func (t *Tx) Refund(ctx context.Context, sagaID string) error {
	if _, err := t.DB.Exec(ctx, refundSQL, sagaID); err != nil {
		if isOutOfRange(err) {
			err = payment.ErrBalanceOverflow
		}
		return fmt.Errorf("refunding saga %s: %w", sagaID, err)
	}
	return nil
}

// isOutOfRange reports whether err is PostgreSQL's numeric_value_out_of_range.
func isOutOfRange(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "22003"
}
