package sagahttp

import (
	"net/http"

	"github.com/streamsaga/streamsaga/saga/httpx"
)

// DLQStreamsView is the answer to GET /dlq/streams.
type DLQStreamsView struct {
	// Streams are the logical streams whose dead letters the API serves,
	// sorted: the participant streams of the registered saga types, the
	// application's own streams, the reply stream and "outbox".
	Streams []string `json:"streams"`
	// Shards is how many shards each stream is spread over, on a Redis
	// Cluster; absent otherwise.
	Shards int `json:"shards,omitempty"`
}

// dlqStreams is GET /dlq/streams: the names GET /dlq?stream= accepts.
func (a *API) dlqStreams(w http.ResponseWriter, _ *http.Request) {
	httpx.WriteJSON(w, http.StatusOK, DLQStreamsView{Streams: a.dlq.known, Shards: a.dlq.Shards})
}
