package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/streamsaga/streamsaga/saga"
)

// search is GET /ui/search?q=: q is a saga's id or an id of the
// application's (App.Noun), and the answer redirects to that saga's page.
func (u *UI) search(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" && u.app.Find == nil {
		return problemf(http.StatusBadRequest, "Enter a saga id.")
	}
	if q == "" {
		return problemf(http.StatusBadRequest, "Enter a saga id or an %s id.", u.app.Noun)
	}
	if !saga.ValidID(q) && u.app.Find == nil {
		return problemf(http.StatusBadRequest, "%q is not a saga id: saga ids are UUIDs.", q)
	}
	if !saga.ValidID(q) {
		return problemf(http.StatusBadRequest, "%q is neither a saga id nor an %s id: both are UUIDs.", q, u.app.Noun)
	}
	sagaID, err := u.find(r, q)
	if err != nil {
		return err
	}
	http.Redirect(w, r, sagaHref(sagaID), http.StatusSeeOther)
	return nil
}

// find returns the id of the saga with id q or of the one the
// application's id q started.
func (u *UI) find(r *http.Request, q string) (string, error) {
	in, err := u.store.GetSaga(r.Context(), q)
	if err == nil {
		return in.ID, nil
	}
	if !errors.Is(err, saga.ErrNotFound) {
		return "", fmt.Errorf("searching for saga %s: %w", q, err)
	}
	if u.app.Find == nil {
		return "", problemf(http.StatusNotFound, "No saga has the id %s.", q)
	}
	id, err := u.app.Find(r.Context(), q)
	if errors.Is(err, saga.ErrNotFound) {
		return "", problemf(http.StatusNotFound, "No saga and no %s has the id %s.", u.app.Noun, q)
	}
	if err != nil {
		return "", fmt.Errorf("searching for %s %s: %w", u.app.Noun, q, err)
	}
	return id, nil
}
