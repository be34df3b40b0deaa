package host

import (
	"net/http"

	"github.com/streamsaga/streamsaga/saga/httpx"
)

// handler is the parts' HTTP handler, or one serving GET /healthz with the
// checks of d when they have none. The server adds GET /metrics to either.
func (p Parts) handler(d Deps) http.Handler {
	if p.HTTP != nil {
		return p.HTTP
	}
	r := httpx.NewRouter()
	r.Handle("/healthz", httpx.Health(d.Log, d.Checks...)).Methods(http.MethodGet)
	return r
}
