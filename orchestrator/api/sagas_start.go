package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/streamsaga/streamsaga/orchestrator/runner"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// Starter starts sagas asked for over HTTP (runner.Runner does).
type Starter interface {
	StartRequested(ctx context.Context, req runner.StartRequest) (string, error)
}

// WithSagas serves GET /saga-types from reg and POST /sagas through s. It
// returns a for chaining after New.
func (a *API) WithSagas(reg *saga.Registry, s Starter) *API {
	a.registry, a.starter = reg, s
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
// data is refused.
func (a *API) startSaga(w http.ResponseWriter, r *http.Request) {
	var req StartSagaRequest
	if _, err := httpx.DecodeJSON(w, r, &req); err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	id, err := a.starter.StartRequested(r.Context(), runner.StartRequest{Type: req.Type, Data: req.Data,
		TraceParent: r.Header.Get("traceparent")})
	var refused *runner.StartRefusedError
	if errors.As(err, &refused) {
		httpx.WriteError(w, http.StatusUnprocessableEntity, refused.Reason)
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/sagas/"+id)
	httpx.WriteJSON(w, http.StatusAccepted, StartedView{SagaID: id, Type: req.Type, State: string(saga.StateRunning)})
}
