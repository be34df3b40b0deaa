package sagahttp

import (
	"errors"
	"net/http"

	"github.com/gorilla/mux"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/internal/ui"
)

// API serves the engine's HTTP endpoints.
type API struct {
	store  driver.Store
	checks []httpx.Check
	log    *logrus.Entry
	dlq    *DLQ
	// resumer serves POST /sagas/{id}/retry when set.
	resumer Resumer
	// registry and starter serve GET /saga-types and POST /sagas when set.
	registry *saga.Registry
	starter  Starter
	// admission, when set, may refuse POST /sagas.
	admission httpx.Admitter
	// app is the application's lookups, for unknown saga ids and the
	// explorer's search.
	app ui.App
}

// New builds the API. checks are the /healthz probes.
func New(st driver.Store, log *logrus.Entry, checks ...httpx.Check) *API {
	return &API{store: st, checks: checks, log: log}
}

// WithApp has GET /sagas/{id} explain an id that names no saga yet with
// app.NotStarted, and the explorer search app's ids too.
func (a *API) WithApp(app ui.App) *API {
	a.app = app
	return a
}

// Handler returns a router with the routes of Routes.
func (a *API) Handler() http.Handler {
	r := httpx.NewRouter()
	a.Routes(r)
	return r
}

// Routes adds the engine's routes to r, with the saga explorer under /ui/.
func (a *API) Routes(r *mux.Router) {
	r.HandleFunc("/sagas", a.listSagas).Methods(http.MethodGet)
	r.HandleFunc("/sagas/{id}", a.getSaga).Methods(http.MethodGet)
	if a.resumer != nil {
		r.HandleFunc("/sagas/{id}/retry", a.retrySaga).Methods(http.MethodPost)
	}
	r.HandleFunc("/healthz", httpx.Health(a.log, a.checks...)).Methods(http.MethodGet)
	a.dlqRoutes(r)
	a.sagaRoutes(r)
	if a.store != nil { // the saga explorer: HTML pages over the same store and resumer
		r.PathPrefix(ui.Prefix).Handler(ui.New(a.store, a.app, a.resumer, a.log).Handler())
		r.Handle("/ui", http.RedirectHandler(ui.Prefix, http.StatusMovedPermanently))
	}
}

func (a *API) getSaga(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
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
		a.Fail(w, r, err)
		return
	}
	v, err := a.sagaDetail(r, in)
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, v)
}

// sagaNotFound answers 404, with the hint's explanation when it has one.
func (a *API) sagaNotFound(w http.ResponseWriter, r *http.Request, id string) {
	if a.app.NotStarted != nil {
		if msg, ok := a.app.NotStarted(r.Context(), id); ok {
			httpx.WriteError(w, http.StatusNotFound, msg)
			return
		}
	}
	httpx.WriteError(w, http.StatusNotFound, "not found")
}

// Fail answers an error (httpx.Fail).
func (a *API) Fail(w http.ResponseWriter, r *http.Request, err error) { httpx.Fail(w, r, a.log, err) }
