package sagahttp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// DLQ is what the dead-letter endpoints need.
type DLQ struct {
	// DeadLetters reads and replays the installation's dead letters.
	// Required.
	DeadLetters transport.DeadLetters
	// Registry's participant streams (every step of every registered
	// version) are served. Optional: default none.
	Registry *saga.Registry
	// Streams are further logical streams served, such as an application's
	// own event stream. Optional: default none.
	Streams []string
	// Shards is how many shards the transport spreads each stream over
	// (on a Redis Cluster); dead letters then name their shard, and GET
	// /dlq takes shard=. Optional: default 0, streams are not sharded.
	Shards int
	// known are the streams served: Registry's, Streams and the engine's
	// own (stream.Known), sorted.
	known []string
}

// WithDLQ serves GET /dlq, GET /dlq/streams, GET /dlq/{stream}/{id} and
// POST /dlq/{stream}/{id}/replay from d, for the engine's own streams (the
// reply stream and the outbox), d.Registry's participant streams and
// d.Streams. Without it those routes do not exist. It returns a for
// chaining after New.
func (a *API) WithDLQ(d DLQ) *API {
	var streams []string
	if d.Registry != nil {
		streams = d.Registry.ParticipantStreams()
	}
	d.known = stream.Known(append(streams, d.Streams...)...)
	a.dlq = &d
	return a
}

func (a *API) dlqRoutes(r *mux.Router) {
	if a.dlq == nil || a.dlq.DeadLetters == nil {
		return
	}
	r.HandleFunc("/dlq", a.listDLQ).Methods(http.MethodGet)
	r.HandleFunc("/dlq/streams", a.dlqStreams).Methods(http.MethodGet)
	r.HandleFunc("/dlq/{stream}/{id}", a.getDLQ).Methods(http.MethodGet)
	r.HandleFunc("/dlq/{stream}/{id}/replay", a.replayDLQ).Methods(http.MethodPost)
}

// getDLQ answers one dead letter whole: nothing is cut.
func (a *API) getDLQ(w http.ResponseWriter, r *http.Request) {
	name, id := mux.Vars(r)["stream"], mux.Vars(r)["id"]
	if err := a.dlq.checkStream(name, http.StatusNotFound); err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	dl, err := a.dlq.DeadLetters.Get(r.Context(), name, id)
	if errors.Is(err, transport.ErrNotFound) {
		httpx.WriteError(w, http.StatusNotFound, fmt.Sprintf("no dead letter %q in %s", id, name))
		return
	}
	if err != nil {
		a.failRedis(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, a.dlq.view(name, dl, 0))
}

func (a *API) replayDLQ(w http.ResponseWriter, r *http.Request) {
	name, id := mux.Vars(r)["stream"], mux.Vars(r)["id"]
	if err := a.dlq.checkStream(name, http.StatusNotFound); err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	newID, err := a.dlq.DeadLetters.Replay(r.Context(), name, id)
	if errors.Is(err, transport.ErrNotFound) {
		httpx.WriteError(w, http.StatusNotFound, fmt.Sprintf("no dead letter %q in %s", id, name))
		return
	}
	if errors.Is(err, transport.ErrReplayRefused) {
		httpx.WriteError(w, http.StatusConflict, err.Error())
		return
	}
	if err != nil {
		a.failRedis(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusAccepted, ReplayedView{Stream: name, ID: id, ReplayedAs: newID})
}

// checkStream returns a request error with status when name is not a served
// stream.
func (d *DLQ) checkStream(name string, status int) error {
	if slices.Contains(d.known, name) {
		return nil
	}
	return httpx.Errorf(status, "unknown stream %q: one of %s", name, strings.Join(d.known, ", "))
}

// failRedis answers an error of Redis: 503, since the request may succeed
// once Redis answers again.
func (a *API) failRedis(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) {
		httpx.WriteError(w, http.StatusServiceUnavailable, "request cancelled")
		return
	}
	a.log.WithError(err).WithField("path", r.URL.Path).Error("dead-letter request failed")
	httpx.WriteError(w, http.StatusServiceUnavailable, "redis unavailable, try again")
}
