package httpx

import (
	"context"
	"errors"
	"net/http"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
)

// Fail answers an error: a RequestError as it is, saga.ErrNotFound as 404,
// a cancelled request or an unreachable database as 503, logging what it
// does not expect.
func Fail(w http.ResponseWriter, r *http.Request, log *logrus.Entry, err error) {
	var re *RequestError
	switch {
	case errors.As(err, &re):
		WriteError(w, re.Status, re.Msg)
	case errors.Is(err, saga.ErrNotFound):
		WriteError(w, http.StatusNotFound, "not found")
	case errors.Is(err, context.Canceled):
		WriteError(w, http.StatusServiceUnavailable, "request cancelled")
	default:
		log.WithError(err).WithField("path", r.URL.Path).Error("request failed")
		WriteError(w, http.StatusServiceUnavailable, "storage unavailable, try again")
	}
}
