package payment

import (
	"net/http"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/participants/resource"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// AccountRequest is the body of PUT /accounts/{customer_id}.
type AccountRequest struct {
	BalanceCents *int64 `json:"balance_cents"`
}

// Value returns the balance to set.
func (r AccountRequest) Value() *int64 { return r.BalanceCents }

// NewHandler serves the payment API over store: PUT and GET
// /accounts/{customer_id}. /healthz checks store and every extra check (the
// service adds Redis).
func NewHandler(store Store, log *logrus.Entry, checks ...httpx.Check) http.Handler {
	return resource.NewHandler(Resource(store), log, checks...)
}

// Resource describes the balance of an account as an HTTP resource over
// store.
func Resource(store Store) resource.Resource[Account, AccountRequest] {
	return resource.Resource[Account, AccountRequest]{
		Path: "/accounts/{customer_id}", Key: "customer_id", Field: "balance_cents", Noun: "account",
		NotFound: "unknown account", Set: store.SetBalance, Get: store.GetAccount,
	}
}
