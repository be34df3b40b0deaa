package paymentpg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// ChargeMany charges for several sagas in two round trips: the sagas'
// earlier payments and the lock of every account they name (in customer
// order) together, then one statement for every charge, as payment.Plan
// decides, which travels with the transaction's next statement
// (pg.ExecLater).
func (t *Tx) ChargeMany(ctx context.Context, reqs []payment.Charge) ([]string, error) {
	if len(reqs) == 0 {
		return nil, nil
	}
	refunded, balances, err := t.readForCharge(ctx, reqs)
	if err != nil {
		return nil, err
	}
	failures, debits := payment.Plan(reqs, refunded, balances)
	if err := t.debit(ctx, debits); err != nil {
		return nil, err
	}
	return failures, nil
}

// readForCharge reads which of reqs' sagas were charged (and whether the
// charge was refunded), and locks the accounts of their customers.
func (t *Tx) readForCharge(ctx context.Context, reqs []payment.Charge) (map[string]bool, map[string]int64, error) {
	b := &pgx.Batch{}
	refunded := map[string]bool{}
	balances := map[string]int64{}
	pg.QueueMap(b, refunded, paymentStatesSQL, payment.ChargeSagas(reqs))
	pg.QueueMap(b, balances, lockAccountsSQL, payment.ChargeCustomers(reqs))
	if err := t.DB.SendBatch(ctx, b).Close(); err != nil {
		return nil, nil, fmt.Errorf("reading payments and locking accounts of %d sagas: %w", len(reqs), err)
	}
	return refunded, balances, nil
}

// debit takes the charges from their accounts and records them.
func (t *Tx) debit(ctx context.Context, charges []payment.Charge) error {
	if len(charges) == 0 {
		return nil
	}
	sagas := make([]string, len(charges))
	customers := make([]string, len(charges))
	amounts := make([]int64, len(charges))
	for i, c := range charges {
		sagas[i], customers[i], amounts[i] = c.SagaID, c.CustomerID, c.AmountCents
	}
	// Nothing reads the result: the write travels with the next statement.
	return pg.ExecLater(ctx, t.DB, fmt.Sprintf("charging %d payments", len(charges)), chargeManySQL, sagas, customers, amounts)
}
