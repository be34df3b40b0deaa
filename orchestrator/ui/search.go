package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/streamsaga/streamsaga/saga"
)

// search is GET /ui/search?q=: q is a saga's id or an order's id, and the
// answer redirects to that saga's page.
func (u *UI) search(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		return problemf(http.StatusBadRequest, "Enter a saga id or an order id.")
	}
	if !saga.ValidID(q) {
		return problemf(http.StatusBadRequest, "%q is neither a saga id nor an order id: both are UUIDs.", q)
	}
	sagaID, err := u.find(r, q)
	if err != nil {
		return err
	}
	http.Redirect(w, r, sagaHref(sagaID), http.StatusSeeOther)
	return nil
}

// find returns the id of the saga with id q or of the order with id q.
func (u *UI) find(r *http.Request, q string) (string, error) {
	in, err := u.store.GetSaga(r.Context(), q)
	if err == nil {
		return in.ID, nil
	}
	if !errors.Is(err, saga.ErrNotFound) {
		return "", fmt.Errorf("searching for saga %s: %w", q, err)
	}
	if u.orders == nil {
		return "", problemf(http.StatusNotFound, "No saga has the id %s.", q)
	}
	o, err := u.orders.GetOrder(r.Context(), q)
	if errors.Is(err, saga.ErrNotFound) {
		return "", problemf(http.StatusNotFound, "No saga and no order has the id %s.", q)
	}
	if err != nil {
		return "", fmt.Errorf("searching for order %s: %w", q, err)
	}
	return o.SagaID, nil
}
