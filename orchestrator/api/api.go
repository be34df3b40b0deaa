package api

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// API serves the order endpoints.
type API struct {
	orders    *orders.Service
	log       *logrus.Entry
	admission httpx.Admitter
}

// New builds the order API over the order service, which places and reads
// orders; adm (the engine's Admission; nil admits every order) may refuse
// new orders while the running sagas fall behind.
func New(svc *orders.Service, log *logrus.Entry, adm httpx.Admitter) *API {
	return &API{orders: svc, log: log, admission: adm}
}

// Routes adds POST /orders and GET /orders/{id} to r.
func (a *API) Routes(r *mux.Router) {
	r.HandleFunc("/orders", a.placeOrder).Methods(http.MethodPost)
	r.HandleFunc("/orders/{id}", a.getOrder).Methods(http.MethodGet)
}

func (a *API) placeOrder(w http.ResponseWriter, r *http.Request) {
	if !httpx.Admit(w, a.admission) {
		return
	}
	var req orders.PlaceRequest
	if _, err := httpx.DecodeJSON(w, r, &req); err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	placed, err := a.orders.Place(r.Context(), req, r.Header.Get("Idempotency-Key"), r.Header.Get("traceparent"))
	if err != nil {
		httpx.Fail(w, r, a.log, err)
		return
	}
	if placed.Replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Location", "/orders/"+placed.Order.ID)
	httpx.WriteJSON(w, http.StatusAccepted, PlacedView{OrderID: placed.Order.ID, SagaID: placed.Order.SagaID,
		Status: string(orderstore.OrderPending)})
}

func (a *API) getOrder(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	o, err := a.orders.GetOrder(r.Context(), id)
	if err != nil {
		httpx.Fail(w, r, a.log, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, orderView(o))
}

// SagaNotStarted explains a saga id that names no saga but an order's
// saga: that of an order placed moments ago, whose OrderCreated has not
// been handled, or that of an order that has ended, whose saga finished
// longer ago than the saga retention and was purged (or, for an order
// rejected before its saga started, never ran).
func (a *API) SagaNotStarted(ctx context.Context, sagaID string) (string, bool) {
	o, err := a.orders.OrderBySagaID(ctx, sagaID)
	if err != nil {
		return "", false
	}
	if o.Status != orderstore.OrderPending {
		ended := string(o.Status)
		if o.Reason != "" {
			ended += " (" + o.Reason + ")"
		}
		return "saga " + sagaID + " is not kept: order " + o.ID + " is " + ended +
			"; a finished saga is purged with its history after the saga retention (SAGA_RETENTION)", true
	}
	return "saga " + sagaID + " has not started yet: order " + o.ID + " is " + string(o.Status) +
		"; its saga starts within moments", true
}
