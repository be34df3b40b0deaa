package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/streamsaga/streamsaga/saga"
)

// problem is an error shown to the user as a page with its status.
type problem struct {
	Status  int
	Message string
}

func (p *problem) Error() string { return fmt.Sprintf("%d: %s", p.Status, p.Message) }

// problemf makes a problem page.
func problemf(status int, format string, args ...any) error {
	return &problem{Status: status, Message: fmt.Sprintf(format, args...)}
}

// problemPage is the data of problem.html.
type problemPage struct {
	page
	Status     int
	StatusText string
	Message    string
}

// handle adapts a page handler that returns an error: problems are shown
// as they are, an unknown record as 404, anything else is logged and shown
// as 503 (the store did not answer), never as a bare 500.
func (u *UI) handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := fn(w, r)
		if err == nil {
			return
		}
		p := u.asProblem(r, err)
		data := problemPage{page: page{Title: http.StatusText(p.Status), Query: r.URL.Query().Get("q")},
			Status: p.Status, StatusText: http.StatusText(p.Status), Message: p.Message}
		if err := render(w, p.Status, "problem.html", data); err != nil {
			u.log.WithError(err).Error("rendering the problem page")
			http.Error(w, p.Message, p.Status)
		}
	})
}

func (u *UI) asProblem(r *http.Request, err error) *problem {
	var p *problem
	switch {
	case errors.As(err, &p):
		return p
	case errors.Is(err, saga.ErrNotFound):
		return &problem{Status: http.StatusNotFound, Message: "Not found."}
	case errors.Is(err, errRender):
		u.log.WithError(err).WithField("path", r.URL.Path).Error("page failed")
		return &problem{Status: http.StatusInternalServerError, Message: "The page could not be rendered."}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &problem{Status: http.StatusServiceUnavailable, Message: "The request was cancelled. Try again."}
	default:
		u.log.WithError(err).WithField("path", r.URL.Path).Error("page failed")
		return &problem{Status: http.StatusServiceUnavailable, Message: "Storage unavailable. Try again in a moment."}
	}
}
