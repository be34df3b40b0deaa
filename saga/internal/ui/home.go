package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// homePage is the data of index.html.
type homePage struct {
	page
	Counts []stateCount
	Total  int64
	// State is the filter, empty for every state.
	State saga.State
	Sagas []sagaRow
	// First links to the newest page when this one is not it; Next to the
	// page after this one when there may be one.
	First, Next string
}

// stateCount is one state's count, a link to the list filtered by it.
type stateCount struct {
	State   saga.State
	N       int64
	Href    string
	Current bool
}

// sagaRow is one saga of the list.
type sagaRow struct {
	ID, Href, Type, CorrelationID, Failure string
	State                                  saga.State
	CreatedAt, UpdatedAt                   time.Time
}

// home is GET /ui/: the counts by state and the newest sagas.
func (u *UI) home(w http.ResponseWriter, r *http.Request) error {
	q, limitSet, err := parseList(r.URL.Query())
	if err != nil {
		return err
	}
	counts, err := u.stateCounts(r.Context())
	if err != nil {
		return err
	}
	sagas, err := u.store.ListSagas(r.Context(), q)
	if err != nil {
		return err
	}
	data := homePage{page: page{Title: "Sagas"}, State: q.State}
	for _, st := range saga.States {
		data.Counts = append(data.Counts, stateCount{State: st, N: counts[st],
			Href: listHref(st, nil, 0), Current: st == q.State})
		data.Total += counts[st]
	}
	for _, in := range sagas {
		data.Sagas = append(data.Sagas, newSagaRow(in))
	}
	keep := 0
	if limitSet {
		keep = q.Limit
	}
	if q.After != nil {
		data.First = listHref(q.State, nil, keep)
	}
	if len(sagas) == q.Limit {
		last := sagas[len(sagas)-1]
		data.Next = listHref(q.State, &driver.Cursor{CreatedAt: last.CreatedAt, ID: last.ID}, keep)
	}
	return render(w, http.StatusOK, "index.html", data)
}

func newSagaRow(in *saga.Instance) sagaRow {
	return sagaRow{ID: in.ID, Href: sagaHref(in.ID), Type: in.Type, CorrelationID: in.CorrelationID,
		Failure: in.Failure, State: in.State, CreatedAt: in.CreatedAt, UpdatedAt: in.UpdatedAt}
}

// parseList reads ?state=, ?limit= and ?cursor= as GET /sagas does, and
// whether a limit was given.
func parseList(v url.Values) (driver.ListQuery, bool, error) {
	q := driver.ListQuery{Limit: DefaultPageSize}
	if s := v.Get("state"); s != "" {
		st, err := saga.ParseState(s)
		if err != nil {
			return q, false, problemf(http.StatusBadRequest,
				"Unknown state %q: the states are RUNNING, COMPENSATING, COMPLETED, COMPENSATED and FAILED.", s)
		}
		q.State = st
	}
	limitSet := v.Get("limit") != ""
	if limitSet {
		n, err := strconv.Atoi(v.Get("limit"))
		if err != nil || n < 1 || n > MaxPageSize {
			return q, false, problemf(http.StatusBadRequest, "The limit must be a whole number from 1 to %d.", MaxPageSize)
		}
		q.Limit = n
	}
	if s := v.Get("cursor"); s != "" {
		c, err := driver.ParseCursor(s)
		if err != nil {
			return q, false, problemf(http.StatusBadRequest, "The cursor is not valid: follow the list's own page links.")
		}
		q.After = &c
	}
	return q, limitSet, nil
}

// listHref links to the list filtered by state (all states if empty),
// after the cursor (from the newest if nil), with limit (the default if 0).
func listHref(state saga.State, after *driver.Cursor, limit int) string {
	v := url.Values{}
	if state != "" {
		v.Set("state", string(state))
	}
	if limit > 0 {
		v.Set("limit", strconv.Itoa(limit))
	}
	if after != nil {
		v.Set("cursor", after.Encode())
	}
	if len(v) == 0 {
		return Prefix
	}
	return Prefix + "?" + v.Encode()
}

// sagaHref links to a saga's page.
func sagaHref(id string) string { return Prefix + "sagas/" + url.PathEscape(id) }
