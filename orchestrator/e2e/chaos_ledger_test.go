package e2e

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// paymentRow is one row of the payment service's payments table.
type paymentRow struct {
	sagaID, customer string
	amount           int64
	refunded         bool
}

// checkLedger reads the payments table and the orders table directly: no
// saga is charged twice, every APPROVED order is charged its total once and
// kept, a REJECTED order's charge (if any) was refunded, and the placement
// retries left exactly one order per idempotency key.
func (r *chaosRun) checkLedger(dbURL string, v *violations) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	paid, err := readPayments(ctx, conn, v)
	if err != nil {
		return err
	}
	r.checkPayments(paid, v)
	return r.checkOrderRows(ctx, conn, v)
}

func readPayments(ctx context.Context, conn *pgx.Conn, v *violations) (map[string]paymentRow, error) {
	rows, err := conn.Query(ctx, "SELECT saga_id::text, customer_id, amount_cents, refunded FROM payment.payments")
	if err != nil {
		return nil, err
	}
	paid := map[string]paymentRow{}
	var p paymentRow
	_, err = pgx.ForEachRow(rows, []any{&p.sagaID, &p.customer, &p.amount, &p.refunded}, func() error {
		if _, dup := paid[p.sagaID]; dup {
			v.add(ruleCharge, "saga %s charged twice", p.sagaID)
		}
		paid[p.sagaID] = p
		return nil
	})
	return paid, err
}

func (r *chaosRun) checkPayments(paid map[string]paymentRow, v *violations) {
	known := map[string]bool{}
	for _, po := range acceptedOrders(r.orders) {
		known[po.placed.SagaID] = true
		p, charged := paid[po.placed.SagaID]
		switch o := r.settled.orders[po.placed.OrderID]; o.Status {
		case "APPROVED":
			if !charged || p.refunded || p.amount != po.total || p.customer != po.customer {
				v.add(ruleCharge, "APPROVED order %s (%s, %d cents): payment %+v (charged %v)", o.OrderID, po.customer, po.total, p, charged)
			}
		case "REJECTED":
			if charged && !p.refunded {
				v.add(ruleCharge, "REJECTED order %s kept a charge of %d cents", o.OrderID, p.amount)
			}
		}
	}
	for id := range paid {
		if !known[id] {
			v.add(ruleCharge, "payment for saga %s, which no accepted order has", id)
		}
	}
}

func (r *chaosRun) checkOrderRows(ctx context.Context, conn *pgx.Conn, v *violations) error {
	var n, keys int
	err := conn.QueryRow(ctx, "SELECT count(*), count(DISTINCT idempotency_key) FROM orchestrator.orders").Scan(&n, &keys)
	if err != nil {
		return err
	}
	if want := len(acceptedOrders(r.orders)); n != want || keys != want {
		v.add(ruleOrders, "%d orders accepted, but %d order rows with %d idempotency keys stored", want, n, keys)
	}
	return nil
}
