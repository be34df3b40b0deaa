package engine

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/internal/sagahttp"
	"github.com/streamsaga/streamsaga/saga/internal/ui"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// httpParts are what the HTTP API is built from: the application's routes
// and health checks, and the explanation of unknown saga ids.
type httpParts struct {
	routes []func(r *mux.Router)
	checks []httpx.Check
	app    ui.App
}

func newHTTPParts(e *Engine) *httpParts {
	return &httpParts{checks: []httpx.Check{
		e.cfg.Driver.Check(),
		{Name: "redis", Check: func(ctx context.Context) error { return e.cfg.Redis.Ping(ctx).Err() }},
	}}
}

// Routes adds the application's routes to the engine's router, next to
// the saga API. Call it before Handler or Start.
func (e *Engine) Routes(add func(r *mux.Router)) { e.http.routes = append(e.http.routes, add) }

// Check adds a probe to /healthz.
func (e *Engine) Check(c httpx.Check) { e.http.checks = append(e.http.checks, c) }

// Lookups are the application's answers about its own ids, for the saga
// API and the explorer; every field is optional.
type Lookups struct {
	// Noun names the application's ids, for example "order".
	Noun string
	// Find returns the id of the saga one of the application's ids
	// started, or saga.ErrNotFound: the explorer's search takes such ids.
	Find func(ctx context.Context, id string) (sagaID string, err error)
	// NotStarted explains a saga id that names no saga, for example the
	// saga of a request the application took moments ago, or one the
	// retention purged since; GET /sagas/{id} and the explorer answer 404
	// with it.
	NotStarted func(ctx context.Context, sagaID string) (msg string, ok bool)
}

// SetLookups sets the application's lookups. Call it before Handler or
// Start.
func (e *Engine) SetLookups(l Lookups) {
	e.http.app = ui.App{Noun: l.Noun, Find: l.Find, NotStarted: l.NotStarted}
}

// Handler is the HTTP API: the saga routes, the saga explorer under /ui/,
// the dead letters, /healthz and the application's routes. /metrics and
// the API token are the server's (see Config.HTTPAddr).
func (e *Engine) Handler() http.Handler {
	r := httpx.NewRouter()
	e.routes(r)
	return r
}

func (e *Engine) routes(r *mux.Router) {
	dead := redisstream.New(e.cfg.Redis, redisstream.Config{Prefix: e.cfg.Prefix, Shards: e.cfg.Shards, Logger: e.log})
	sagahttp.New(e.store, e.log, e.http.checks...).
		WithDLQ(sagahttp.DLQ{DeadLetters: dead, Registry: e.reg, Streams: e.appStreams(), Shards: dead.Keys().Shards}).
		WithResumer(e.run).WithSagas(e.reg, e.run, e.gate).WithApp(e.http.app).Routes(r)
	for _, add := range e.http.routes {
		add(r)
	}
}

// server serves Handler at Config.HTTPAddr, with /metrics.
func (e *Engine) server() *httpx.Server {
	return httpx.NewServer(e.cfg.HTTPAddr, e.cfg.APIToken, e.Handler(), e.log,
		httpx.WithMetrics(e.metrics.HTTP, e.metrics.Handler()), httpx.WithAllowedHosts(e.cfg.AllowedHosts...))
}

// Addr is the HTTP server's address once started ("" without HTTPAddr).
func (e *Engine) Addr() string {
	if e.srv == nil {
		return ""
	}
	return e.srv.Addr()
}
