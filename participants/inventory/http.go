package inventory

import (
	"errors"
	"net/http"

	"github.com/gorilla/mux"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// maxSKULength bounds a SKU in a URL.
const maxSKULength = 200

// StockRequest is the body of PUT /stock/{sku}.
type StockRequest struct {
	Available *int64 `json:"available"`
}

// NewHandler serves the inventory API over store. /healthz checks store and
// every extra check (the service adds Redis).
func NewHandler(store Store, log *logrus.Entry, checks ...httpx.Check) http.Handler {
	api := &api{store: store, log: log}
	r := httpx.NewRouter()
	r.HandleFunc("/stock/{sku}", api.putStock).Methods(http.MethodPut)
	r.HandleFunc("/stock/{sku}", api.getStock).Methods(http.MethodGet)
	all := append([]httpx.Check{{Name: "postgres", Check: store.Ping}}, checks...)
	r.Handle("/healthz", httpx.Health(all...)).Methods(http.MethodGet)
	return r
}

type api struct {
	store Store
	log   *logrus.Entry
}

func (a *api) putStock(w http.ResponseWriter, r *http.Request) {
	sku, err := skuParam(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	var req StockRequest
	if _, err := httpx.DecodeJSON(w, r, &req); err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	if err := req.validate(); err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	st, err := a.store.SetStock(r.Context(), sku, *req.Available)
	a.answer(w, r, st, err)
}

func (req StockRequest) validate() error {
	switch {
	case req.Available == nil:
		return httpx.Errorf(http.StatusUnprocessableEntity, "available is required")
	case *req.Available < 0:
		return httpx.Errorf(http.StatusUnprocessableEntity, "available must not be negative")
	}
	return nil
}

func (a *api) getStock(w http.ResponseWriter, r *http.Request) {
	sku, err := skuParam(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	st, err := a.store.GetStock(r.Context(), sku)
	a.answer(w, r, st, err)
}

func (a *api) answer(w http.ResponseWriter, r *http.Request, st Stock, err error) {
	switch {
	case err == nil:
		httpx.WriteJSON(w, http.StatusOK, st)
	case errors.Is(err, saga.ErrNotFound):
		httpx.WriteError(w, http.StatusNotFound, "unknown sku")
	case errors.Is(err, ErrInvalid):
		httpx.WriteError(w, http.StatusUnprocessableEntity, err.Error())
	default:
		a.log.WithError(err).WithField("path", r.URL.Path).Error("stock request failed")
		httpx.WriteError(w, http.StatusInternalServerError, "internal error")
	}
}

func skuParam(r *http.Request) (string, error) {
	sku := mux.Vars(r)["sku"]
	if sku == "" || len(sku) > maxSKULength {
		return "", httpx.Errorf(http.StatusBadRequest, "sku must have 1 to %d characters", maxSKULength)
	}
	return sku, nil
}
