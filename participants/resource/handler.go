package resource

import (
	"errors"
	"net/http"

	"github.com/gorilla/mux"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

type handler[V any, B Body] struct {
	res Resource[V, B]
	log *logrus.Entry
}

func (h *handler[V, B]) put(w http.ResponseWriter, r *http.Request) {
	key, err := h.key(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	n, err := h.value(w, r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	v, err := h.res.Set(r.Context(), key, n)
	h.answer(w, r, v, err)
}

// value decodes the body and returns its integer.
func (h *handler[V, B]) value(w http.ResponseWriter, r *http.Request) (int64, error) {
	var body B
	if _, err := httpx.DecodeJSON(w, r, &body); err != nil {
		return 0, err
	}
	n := body.Value()
	switch {
	case n == nil:
		return 0, httpx.Errorf(http.StatusUnprocessableEntity, "%s is required", h.res.Field)
	case *n < 0:
		return 0, httpx.Errorf(http.StatusUnprocessableEntity, "%s must not be negative", h.res.Field)
	}
	return *n, nil
}

func (h *handler[V, B]) get(w http.ResponseWriter, r *http.Request) {
	key, err := h.key(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	v, err := h.res.Get(r.Context(), key)
	h.answer(w, r, v, err)
}

func (h *handler[V, B]) answer(w http.ResponseWriter, r *http.Request, v V, err error) {
	switch {
	case err == nil:
		httpx.WriteJSON(w, http.StatusOK, v)
	case errors.Is(err, saga.ErrNotFound):
		httpx.WriteError(w, http.StatusNotFound, h.res.NotFound)
	case errors.Is(err, ErrInvalid):
		httpx.WriteError(w, http.StatusUnprocessableEntity, err.Error())
	default:
		h.log.WithError(err).WithField("path", r.URL.Path).Error(h.res.Noun + " request failed")
		httpx.WriteError(w, http.StatusServiceUnavailable, "storage unavailable, try again")
	}
}

// key is the record's key from the path: 1 to MaxKeyLength bytes of UTF-8
// without NUL, else a 400 naming it.
func (h *handler[V, B]) key(r *http.Request) (string, error) {
	key := mux.Vars(r)[h.res.Key]
	if key == "" || len(key) > MaxKeyLength {
		return "", httpx.Errorf(http.StatusBadRequest, "%s must have 1 to %d characters", h.res.Key, MaxKeyLength)
	}
	return key, httpx.CheckText(h.res.Key, key)
}
