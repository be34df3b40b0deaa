package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/ui"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// API serves the orchestrator's HTTP endpoints.
type API struct {
	store  driver.Store
	orders *orders.Service
	checks []httpx.Check
	log    *logrus.Entry
	dlq    *DLQ
	// resumer serves POST /sagas/{id}/retry when set.
	resumer Resumer
	// registry and starter serve GET /saga-types and POST /sagas when set.
	registry *saga.Registry
	starter  Starter
}

// New builds the API over st, the engine's store, and svc, which places
// and reads orders. checks are the /healthz probes.
func New(st driver.Store, svc *orders.Service, log *logrus.Entry, checks ...httpx.Check) *API {
	return &API{store: st, orders: svc, checks: checks, log: log}
}

// Handler returns the router, with the saga explorer under /ui/ when the
// API has a driver.
func (a *API) Handler() http.Handler {
	r := httpx.NewRouter()
	r.HandleFunc("/orders", a.placeOrder).Methods(http.MethodPost)
	r.HandleFunc("/orders/{id}", a.getOrder).Methods(http.MethodGet)
	r.HandleFunc("/sagas", a.listSagas).Methods(http.MethodGet)
	r.HandleFunc("/sagas/{id}", a.getSaga).Methods(http.MethodGet)
	if a.resumer != nil {
		r.HandleFunc("/sagas/{id}/retry", a.retrySaga).Methods(http.MethodPost)
	}
	r.HandleFunc("/healthz", httpx.Health(a.log, a.checks...)).Methods(http.MethodGet)
	a.dlqRoutes(r)
	a.sagaRoutes(r)
	if a.store != nil { // the saga explorer: HTML pages over the same store and resumer
		r.PathPrefix(ui.Prefix).Handler(ui.New(a.store, a.orderReader(), a.resumer, a.log).Handler())
		r.Handle("/ui", http.RedirectHandler(ui.Prefix, http.StatusMovedPermanently))
	}
	return r
}

func (a *API) placeOrder(w http.ResponseWriter, r *http.Request) {
	var req orders.PlaceRequest
	if _, err := httpx.DecodeJSON(w, r, &req); err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	placed, err := a.orders.Place(r.Context(), req, r.Header.Get("Idempotency-Key"), r.Header.Get("traceparent"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if placed.Replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Location", "/orders/"+placed.Order.ID)
	httpx.WriteJSON(w, http.StatusAccepted, PlacedView{OrderID: placed.Order.ID, SagaID: placed.Order.SagaID, Status: string(orderstore.OrderPending)})
}

func (a *API) getOrder(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	o, err := a.orders.GetOrder(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, orderView(o))
}

func (a *API) getSaga(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	in, err := a.store.GetSaga(r.Context(), id)
	if errors.Is(err, saga.ErrNotFound) {
		a.sagaNotFound(w, r, id)
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	v, err := a.sagaDetail(r, in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, v)
}

// sagaNotFound answers 404, saying so when the saga belongs to an order
// placed moments ago whose OrderCreated has not been handled yet.
func (a *API) sagaNotFound(w http.ResponseWriter, r *http.Request, id string) {
	o, err := a.orders.OrderBySagaID(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, http.StatusNotFound, "not found")
		return
	}
	httpx.WriteError(w, http.StatusNotFound, "saga "+id+" has not started yet: order "+o.ID+
		" is "+string(o.Status)+"; its saga starts within moments")
}

// orderReader is the order service as the explorer's reader of orders;
// nil without one.
func (a *API) orderReader() orderstore.Reader {
	if a.orders == nil {
		return nil
	}
	return a.orders
}

// fail answers an error: client errors as they are, not found as 404, a
// database that cannot be reached as 503, anything else as 500.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	var re *httpx.RequestError
	switch {
	case errors.As(err, &re):
		httpx.WriteError(w, re.Status, re.Msg)
	case errors.Is(err, saga.ErrNotFound):
		httpx.WriteError(w, http.StatusNotFound, "not found")
	case errors.Is(err, context.Canceled):
		httpx.WriteError(w, http.StatusServiceUnavailable, "request cancelled")
	default:
		a.log.WithError(err).WithField("path", r.URL.Path).Error("request failed")
		httpx.WriteError(w, http.StatusServiceUnavailable, "storage unavailable, try again")
	}
}
