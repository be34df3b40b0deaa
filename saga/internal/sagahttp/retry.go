package sagahttp

import (
	"context"
	"errors"
	"net/http"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// Resumer resumes a FAILED or stuck saga (runner.Runner does).
type Resumer interface {
	Resume(ctx context.Context, id, who string) (*saga.Instance, error)
}

// WithResumer serves POST /sagas/{id}/retry through r. It returns a for
// chaining after New.
func (a *API) WithResumer(r Resumer) *API {
	a.resumer = r
	return a
}

// retrySaga resumes a saga: 202 with the saga, 404 for an unknown id, 409
// for one that ended COMPLETED or COMPENSATED. The X-Operator header, if
// any, names who asked in the saga's history.
func (a *API) retrySaga(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	who, err := operator(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	if !saga.ValidID(id) {
		httpx.WriteError(w, http.StatusNotFound, "not found")
		return
	}
	inst, err := a.resumer.Resume(r.Context(), id, who)
	if errors.Is(err, saga.ErrNotResumable) {
		httpx.WriteError(w, http.StatusConflict, err.Error())
		return
	}
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusAccepted, sagaView(inst))
}
