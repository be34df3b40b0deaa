package paymentsqlite

import (
	"context"

	"github.com/streamsaga/streamsaga/participants/payment"
)

// ChargeMany runs Charge for each request in order. SQLite runs in the
// process, so a statement costs no round trip and one per request is as
// cheap as a set-based plan.
func (t *Tx) ChargeMany(ctx context.Context, reqs []payment.Charge) ([]string, error) {
	failures := make([]string, len(reqs))
	for i, r := range reqs {
		f, err := t.Charge(ctx, r.SagaID, r.CustomerID, r.AmountCents)
		if err != nil {
			return nil, err
		}
		failures[i] = f
	}
	return failures, nil
}
