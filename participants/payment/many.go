package payment

// Charge is one saga's request to ChargeMany.
type Charge struct {
	SagaID      string
	CustomerID  string
	AmountCents int64
}

// Plan decides ChargeMany in memory, so every driver answers alike: it
// gives each request the failure Charge would give it if they ran one
// after the other in order, and returns the charges to make. refunded
// holds the sagas charged before, with whether the charge was refunded;
// balances holds the balances of the accounts that exist (updated as
// charges are planned).
func Plan(reqs []Charge, refunded map[string]bool, balances map[string]int64) ([]string, []Charge) {
	failures := make([]string, len(reqs))
	var debits []Charge
	charged := map[string]bool{}
	for i, r := range reqs {
		balance, found := balances[r.CustomerID]
		rf, had := refunded[r.SagaID]
		switch {
		case r.AmountCents < 0:
			failures[i] = InvalidAmount(r.AmountCents)
		case !found:
			failures[i] = UnknownAccount(r.CustomerID)
		case had && rf:
			failures[i] = ReasonRefunded
		case had || charged[r.SagaID]:
		case balance < r.AmountCents:
			failures[i] = ReasonInsufficientFunds
		default:
			charged[r.SagaID] = true
			balances[r.CustomerID] = balance - r.AmountCents
			debits = append(debits, r)
		}
	}
	return failures, debits
}

// ChargeSagas lists the saga ids of reqs, in order.
func ChargeSagas(reqs []Charge) []string {
	out := make([]string, len(reqs))
	for i, r := range reqs {
		out[i] = r.SagaID
	}
	return out
}

// ChargeCustomers lists the customers of reqs; drivers lock their accounts
// in customer order.
func ChargeCustomers(reqs []Charge) []string {
	out := make([]string, len(reqs))
	for i, r := range reqs {
		out[i] = r.CustomerID
	}
	return out
}
