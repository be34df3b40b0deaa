package ui

import (
	"context"
	"net/http"
	"time"

	"github.com/gorilla/mux"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// Prefix is the path every page of the explorer lives under.
const Prefix = "/ui/"

// Defaults of the explorer.
const (
	// DefaultPageSize is how many sagas the list shows at once.
	DefaultPageSize = 25
	// MaxPageSize bounds ?limit=, as GET /sagas does.
	MaxPageSize = 500
	// StuckAfter is how long a RUNNING or COMPENSATING saga may go without
	// a change before its page offers Retry.
	StuckAfter = 5 * time.Minute
)

// Resumer resumes a FAILED or stuck saga; runner.Runner is one, and the
// API's POST /sagas/{id}/retry calls the same.
type Resumer interface {
	Resume(ctx context.Context, id, who string) (*saga.Instance, error)
}

// UI serves the saga explorer.
type UI struct {
	store   driver.Store
	app     App
	resumer Resumer
	log     *logrus.Entry
	csrf    *http.CrossOriginProtection
	now     func() time.Time
	// counts caches the list's counts by state (stateCounts).
	counts countCache
}

// App is what the explorer may ask the application that runs on the
// engine; every field is optional.
type App struct {
	// Noun names the application's ids that the search also takes, for
	// example "order".
	Noun string
	// Find returns the id of the saga an application id started, or
	// saga.ErrNotFound.
	Find func(ctx context.Context, id string) (string, error)
	// NotStarted explains a saga id that names no saga yet, for example
	// the saga of a request the application took moments ago.
	NotStarted func(ctx context.Context, sagaID string) (string, bool)
}

// New builds the explorer over st, the engine's store, and app, the
// application's lookups. resumer may be nil: the pages then offer no
// Retry. log may be nil: logrus' standard logger is used.
func New(st driver.Store, app App, resumer Resumer, log *logrus.Entry) *UI {
	if log == nil {
		log = logrus.NewEntry(logrus.StandardLogger())
	}
	return &UI{store: st, app: app, resumer: resumer, log: log.WithField("component", "ui"),
		csrf: http.NewCrossOriginProtection(), now: time.Now}
}

// Handler routes Prefix and every path under it; mount it on the full
// paths (no prefix stripping).
func (u *UI) Handler() http.Handler {
	r := mux.NewRouter()
	r.NotFoundHandler = u.handle(func(http.ResponseWriter, *http.Request) error {
		return problemf(http.StatusNotFound, "There is no such page in the saga explorer.")
	})
	r.MethodNotAllowedHandler = u.handle(func(http.ResponseWriter, *http.Request) error {
		return problemf(http.StatusMethodNotAllowed, "This page does not accept that method.")
	})
	read := []string{http.MethodGet, http.MethodHead}
	r.Handle(Prefix, u.handle(u.home)).Methods(read...)
	r.Handle(Prefix+"search", u.handle(u.search)).Methods(read...)
	r.Handle(Prefix+"sagas/{id}", u.handle(u.viewSaga)).Methods(read...)
	if u.resumer != nil {
		r.Handle(Prefix+"sagas/{id}/retry", u.handle(u.retry)).Methods(http.MethodPost)
	}
	r.HandleFunc(Prefix+"static/style.css", serveStylesheet).Methods(read...)
	return secureHeaders(r)
}

// secureHeaders forbids the pages anything but their own stylesheet and
// forms, and keeps them out of frames.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; "+
			"form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
