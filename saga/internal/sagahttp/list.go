package sagahttp

import (
	"net/http"
	"strconv"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// List limits.
const (
	DefaultListLimit = 50
	MaxListLimit     = 500
)

// ListView is the answer to GET /sagas.
type ListView struct {
	Sagas      []SagaView `json:"sagas"`
	NextCursor string     `json:"next_cursor"`
}

func (a *API) listSagas(w http.ResponseWriter, r *http.Request) {
	q, err := parseListQuery(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	sagas, err := a.store.ListSagas(r.Context(), q)
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	out := ListView{Sagas: make([]SagaView, len(sagas))}
	for i, s := range sagas {
		out.Sagas[i] = sagaView(s)
	}
	if len(sagas) == q.Limit {
		last := sagas[len(sagas)-1]
		out.NextCursor = driver.Cursor{CreatedAt: last.CreatedAt, ID: last.ID}.Encode()
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}

func parseListQuery(r *http.Request) (driver.ListQuery, error) {
	v := r.URL.Query()
	q := driver.ListQuery{Limit: DefaultListLimit}
	if s := v.Get("state"); s != "" {
		st, err := saga.ParseState(s)
		if err != nil {
			return q, httpx.Errorf(http.StatusBadRequest, "state must be one of RUNNING, COMPENSATING, COMPLETED, COMPENSATED, FAILED")
		}
		q.State = st
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxListLimit {
			return q, httpx.Errorf(http.StatusBadRequest, "limit must be a whole number from 1 to %d", MaxListLimit)
		}
		q.Limit = n
	}
	if s := v.Get("cursor"); s != "" {
		c, err := driver.ParseCursor(s)
		if err != nil {
			return q, httpx.Errorf(http.StatusBadRequest, "cursor is not valid: pass next_cursor of a previous page")
		}
		q.After = &c
	}
	return q, nil
}
