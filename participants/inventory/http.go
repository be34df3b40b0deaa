package inventory

import (
	"net/http"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/participants/resource"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// StockRequest is the body of PUT /stock/{sku}.
type StockRequest struct {
	Available *int64 `json:"available"`
}

// Value returns the units to make available.
func (r StockRequest) Value() *int64 { return r.Available }

// NewHandler serves the inventory API over store: PUT and GET /stock/{sku}.
// /healthz checks store and every extra check (the service adds Redis).
func NewHandler(store Store, log *logrus.Entry, checks ...httpx.Check) http.Handler {
	return resource.NewHandler(Resource(store), log, checks...)
}

// Resource describes the stock of a SKU as an HTTP resource over store.
func Resource(store Store) resource.Resource[Stock, StockRequest] {
	return resource.Resource[Stock, StockRequest]{
		Path: "/stock/{sku}", Key: "sku", Field: "available", Noun: "stock", NotFound: "unknown sku",
		Set: store.SetStock, Get: store.GetStock,
	}
}
