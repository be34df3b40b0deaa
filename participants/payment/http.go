package payment

import (
	"errors"
	"net/http"

	"github.com/gorilla/mux"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// maxCustomerIDLength bounds a customer id in a URL.
const maxCustomerIDLength = 200

// AccountRequest is the body of PUT /accounts/{customer_id}.
type AccountRequest struct {
	BalanceCents *int64 `json:"balance_cents"`
}

// NewHandler serves the payment API over store. /healthz checks store and
// every extra check (the service adds Redis).
func NewHandler(store Store, log *logrus.Entry, checks ...httpx.Check) http.Handler {
	api := &api{store: store, log: log}
	r := httpx.NewRouter()
	r.HandleFunc("/accounts/{customer_id}", api.putAccount).Methods(http.MethodPut)
	r.HandleFunc("/accounts/{customer_id}", api.getAccount).Methods(http.MethodGet)
	all := append([]httpx.Check{{Name: "postgres", Check: store.Ping}}, checks...)
	r.Handle("/healthz", httpx.Health(all...)).Methods(http.MethodGet)
	return r
}

type api struct {
	store Store
	log   *logrus.Entry
}

func (a *api) putAccount(w http.ResponseWriter, r *http.Request) {
	id, err := customerParam(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	var req AccountRequest
	if _, err := httpx.DecodeJSON(w, r, &req); err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	if err := req.validate(); err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	acc, err := a.store.SetBalance(r.Context(), id, *req.BalanceCents)
	a.answer(w, r, acc, err)
}

func (req AccountRequest) validate() error {
	switch {
	case req.BalanceCents == nil:
		return httpx.Errorf(http.StatusUnprocessableEntity, "balance_cents is required")
	case *req.BalanceCents < 0:
		return httpx.Errorf(http.StatusUnprocessableEntity, "balance_cents must not be negative")
	}
	return nil
}

func (a *api) getAccount(w http.ResponseWriter, r *http.Request) {
	id, err := customerParam(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	acc, err := a.store.GetAccount(r.Context(), id)
	a.answer(w, r, acc, err)
}

func (a *api) answer(w http.ResponseWriter, r *http.Request, acc Account, err error) {
	switch {
	case err == nil:
		httpx.WriteJSON(w, http.StatusOK, acc)
	case errors.Is(err, saga.ErrNotFound):
		httpx.WriteError(w, http.StatusNotFound, "unknown account")
	case errors.Is(err, ErrInvalid):
		httpx.WriteError(w, http.StatusUnprocessableEntity, err.Error())
	default:
		a.log.WithError(err).WithField("path", r.URL.Path).Error("account request failed")
		httpx.WriteError(w, http.StatusInternalServerError, "internal error")
	}
}

func customerParam(r *http.Request) (string, error) {
	id := mux.Vars(r)["customer_id"]
	if id == "" || len(id) > maxCustomerIDLength {
		return "", httpx.Errorf(http.StatusBadRequest, "customer_id must have 1 to %d characters", maxCustomerIDLength)
	}
	return id, nil
}
