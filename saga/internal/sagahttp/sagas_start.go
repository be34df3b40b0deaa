package sagahttp

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
)

// Starter starts sagas asked for over HTTP (runner.Runner does).
type Starter interface {
	StartRequested(ctx context.Context, req runner.StartRequest) (runner.Started, error)
}

// WithSagas serves GET /saga-types from reg and POST /sagas through s,
// asking adm (when not nil) before each start. It returns a for chaining
// after New.
func (a *API) WithSagas(reg *saga.Registry, s Starter, adm httpx.Admitter) *API {
	a.registry, a.starter, a.admission = reg, s, adm
	return a
}

// StartSagaRequest is the body of POST /sagas.
type StartSagaRequest struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

// StartedView is the answer to POST /sagas.
type StartedView struct {
	SagaID string `json:"saga_id"`
	Type   string `json:"type"`
	State  string `json:"state"`
}

// startSaga is POST /sagas: 202 with the new saga, 422 when its type or
// data is refused, 503 while the admission refuses new sagas. With an Idempotency-Key, as for POST /orders: a repeat
// of the request is 200 with the first answer and Idempotent-Replayed,
// another request under the key 409.
func (a *API) startSaga(w http.ResponseWriter, r *http.Request) {
	if !httpx.Admit(w, a.admission) {
		return
	}
	var req StartSagaRequest
	if _, err := httpx.DecodeJSON(w, r, &req); err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if err := httpx.CheckIdempotencyKey(key); err != nil {
		a.Fail(w, r, err)
		return
	}
	started, err := a.starter.StartRequested(r.Context(), runner.StartRequest{Type: req.Type, Data: req.Data,
		IdempotencyKey: key, TraceParent: r.Header.Get("traceparent")})
	if err != nil {
		a.startFailed(w, r, err)
		return
	}
	writeStarted(w, started)
}

// startFailed answers a saga that was not started.
func (a *API) startFailed(w http.ResponseWriter, r *http.Request, err error) {
	var refused *runner.StartRefusedError
	switch {
	case errors.As(err, &refused):
		httpx.WriteError(w, http.StatusUnprocessableEntity, refused.Reason)
	case errors.Is(err, runner.ErrKeyReused):
		httpx.WriteError(w, http.StatusConflict, runner.ErrKeyReused.Error())
	default:
		a.Fail(w, r, err)
	}
}

// writeStarted answers 202 with a new saga, 200 with the one a repeated
// request started; the body is the same: the answer to the first request.
func writeStarted(w http.ResponseWriter, s runner.Started) {
	status := http.StatusAccepted
	if s.Replayed {
		status = http.StatusOK
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Location", "/sagas/"+s.ID)
	httpx.WriteJSON(w, status, StartedView{SagaID: s.ID, Type: s.Type, State: string(saga.StateRunning)})
}
