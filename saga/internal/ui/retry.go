package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"

	"github.com/gorilla/mux"

	"github.com/streamsaga/streamsaga/saga"
)

// flashes are the messages a redirect may ask the saga page to show, by
// the ?flash= code; the saga's state fills the verb. Only these codes show
// anything, so a link cannot put its own words on the page.
var flashes = map[string]string{
	"retried": "Retry requested. The saga is now %s.",
}

// defaultOperator names the operator in the history when the form names
// nobody.
const defaultOperator = "ui"

// maxForm bounds the body of the Retry form.
const maxForm = 4 << 10

// retry is POST /ui/sagas/{id}/retry: it resumes the saga through the
// Resumer and redirects to its page (post/redirect/get). A saga that
// cannot be resumed gets its page again with the reason, as 409.
func (u *UI) retry(w http.ResponseWriter, r *http.Request) error {
	if err := u.csrf.Check(r); err != nil {
		return problemf(http.StatusForbidden, "Retry must be asked from the saga's own page: cross-site form posts are refused.")
	}
	id := mux.Vars(r)["id"]
	if !saga.ValidID(id) {
		return problemf(http.StatusBadRequest, "%q is not a saga id: saga ids are UUIDs.", id)
	}
	who, err := operator(w, r)
	if err != nil {
		return err
	}
	_, err = u.resumer.Resume(r.Context(), id, who)
	switch {
	case errors.Is(err, saga.ErrNotFound):
		return u.sagaNotFound(r, id)
	case errors.Is(err, saga.ErrNotResumable):
		return u.showSaga(w, r, id, http.StatusConflict, "",
			"This saga cannot be retried: only a FAILED saga, or one stuck RUNNING or COMPENSATING, can be.")
	case err != nil:
		return fmt.Errorf("resuming saga %s: %w", id, err)
	}
	u.log.WithField("saga_id", id).WithField("operator", who).Info("saga retried from the explorer")
	http.Redirect(w, r, sagaHref(id)+"?flash=retried", http.StatusSeeOther)
	return nil
}

// operator is the form's operator field: who asked, for the history.
func operator(w http.ResponseWriter, r *http.Request) (string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		return "", problemf(http.StatusBadRequest, "The form could not be read.")
	}
	who := strings.TrimSpace(r.PostForm.Get("operator"))
	switch {
	case who == "":
		return defaultOperator, nil
	case len(who) > 100:
		return "", problemf(http.StatusBadRequest, "The operator's name must be at most 100 bytes.")
	case strings.IndexFunc(who, unicode.IsControl) >= 0:
		return "", problemf(http.StatusBadRequest, "The operator's name must not hold control characters.")
	}
	return who, nil
}
