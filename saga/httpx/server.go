package httpx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/gorilla/mux"
	"github.com/sirupsen/logrus"
)

// NewRouter returns a gorilla/mux router whose 404 and 405 answers are JSON
// and which tells a server's metrics the path template of the route that
// matched.
func NewRouter() *mux.Router {
	r := mux.NewRouter()
	r.Use(captureRoute)
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		WriteError(w, http.StatusNotFound, "not found")
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		WriteError(w, http.StatusMethodNotAllowed, "method not allowed")
	})
	return r
}

// Server serves a handler with the Start/Stop lifecycle.
type Server struct {
	srv  *http.Server
	ln   net.Listener
	done chan error
	log  *logrus.Entry
}

// ServerOption configures a Server.
type ServerOption func(*serverOptions)

type serverOptions struct {
	observer RequestObserver
	metrics  http.Handler
	hosts    []string
}

// WithAllowedHosts makes the server answer only requests whose Host header
// names one of hosts (without port; AnyHost allows every one). Without it,
// or with no hosts, a server answers DefaultHosts of its address.
func WithAllowedHosts(hosts ...string) ServerOption {
	return func(o *serverOptions) { o.hosts = append(o.hosts, hosts...) }
}

// WithMetrics reports every request to obs (by the route templates of the
// routers made with NewRouter) and serves metrics at GET MetricsPath,
// which needs no token. Without it a server has no metrics.
func WithMetrics(obs RequestObserver, metrics http.Handler) ServerOption {
	return func(o *serverOptions) { o.observer, o.metrics = obs, metrics }
}

// NewServer prepares a server on addr with the shared middleware: request
// logging, panic recovery, the allowed Host names, refusal of cross-site
// writes and the bearer token.
func NewServer(addr, token string, h http.Handler, log *logrus.Entry, opts ...ServerOption) *Server {
	var o serverOptions
	for _, opt := range opts {
		opt(&o)
	}
	if len(o.hosts) == 0 {
		o.hosts = DefaultHosts(addr)
	}
	if o.metrics != nil {
		h = withMetricsEndpoint(o.metrics, h)
	}
	h = AllowHosts(o.hosts)(SameOrigin(Auth(token)(h)))
	h = AccessLog(log)(Recover(log)(h))
	if o.observer != nil {
		h = Instrument(o.observer)(h)
	}
	return &Server{
		srv: &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute},
		log: log,
	}
}

// Start listens and serves in the background.
func (s *Server) Start(context.Context) error {
	ln, err := net.Listen("tcp", s.srv.Addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", s.srv.Addr, err)
	}
	s.ln, s.done = ln, make(chan error, 1)
	go func() { s.done <- s.srv.Serve(ln) }()
	s.log.WithField("addr", ln.Addr().String()).Info("http server listening")
	return nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Stop shuts the server down, waiting for requests in flight until ctx ends.
func (s *Server) Stop(ctx context.Context) error {
	if s.ln == nil {
		return nil
	}
	err := s.srv.Shutdown(ctx)
	if serveErr := <-s.done; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return fmt.Errorf("serving http: %w", serveErr)
	}
	if err != nil {
		return fmt.Errorf("shutting down http server: %w", err)
	}
	return nil
}
