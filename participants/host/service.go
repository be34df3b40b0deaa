package host

import (
	"errors"
	"net/http"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// Service describes one participant process.
type Service struct {
	// Name names the service in logs and is its default schema and group.
	// Required.
	Name string
	// Schema is the PostgreSQL schema the service owns. Optional: default
	// Name.
	Schema string
	// DefaultAddr is the HTTP address used when HTTP_ADDR is not set.
	// Required.
	DefaultAddr string
	// Commands is the logical stream the service reads. Required.
	Commands string
	// Group is the logical consumer group. Optional: default Name.
	Group string
	// Migrate has Run apply the engine's participant migrations (the
	// messaging tables and the barrier) to Schema before it checks for
	// them, creating the schema when it is missing. Optional: default
	// false, the schema must already hold schema.sql's tables.
	Migrate bool
	// Tables is the service's own idempotent SQL (CREATE TABLE IF NOT
	// EXISTS ...), which Run applies to Schema on every start, after the
	// migrations of Migrate. Optional: default none.
	Tables string
	// Build wires the service over the opened back ends. Required.
	Build func(d Deps) (Parts, error)
}

// Deps are the back ends host opened for the service.
type Deps struct {
	// DB is the service's database: a *pg.Backend when Run opened it, or
	// what the caller of RunOn gave (a *sqlite.Backend in the dev mode).
	// Build builds its store over the concrete value (Postgres).
	DB    backend.DB
	Redis redis.UniversalClient
	Log   *logrus.Entry
	// Checks are the /healthz probes host adds (the database and Redis).
	Checks []httpx.Check
	// Metrics is the service's registry, served at GET /metrics; Build may
	// register collectors of its own in it. Host adds the HTTP, outbox and
	// command stream ones.
	Metrics *metrics.Registry
}

// Parts are what Build returns: the handlers of the command stream and,
// optionally, the HTTP API.
type Parts struct {
	// Handler handles one entry of the command stream. Required.
	Handler transport.Handler
	// BatchHandler handles the entries of one read at once. Optional:
	// default Handler, entry by entry.
	BatchHandler transport.BatchHandler
	// HTTP serves the service's API, /healthz included. Optional: default
	// GET /healthz alone, answered with Deps.Checks.
	HTTP http.Handler
}

func (s *Service) validate() error {
	switch {
	case s.Name == "":
		return errors.New("host: service Name is required")
	case s.DefaultAddr == "" || s.Commands == "" || s.Build == nil:
		return errors.New("host: service " + s.Name + " needs DefaultAddr, Commands and Build")
	}
	if s.Schema == "" {
		s.Schema = s.Name
	}
	if s.Group == "" {
		s.Group = s.Name
	}
	return nil
}

func (p Parts) validate() error {
	if p.Handler == nil {
		return errors.New("host: Build returned no stream handler")
	}
	return nil
}
