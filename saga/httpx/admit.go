package httpx

import (
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/streamsaga/streamsaga/saga/admission"
)

// Admitter decides whether a request may start a new saga
// (admission.Gate does).
type Admitter interface {
	Admit() admission.Decision
}

// Admit asks a whether the request may start a new saga; when it may
// not, it answers 503 with Retry-After and returns false. Call it before
// reading the body: a refusal costs next to nothing and stores nothing.
// A nil a admits every request.
func Admit(w http.ResponseWriter, a Admitter) bool {
	if a == nil {
		return true
	}
	d := a.Admit()
	if d.Admit {
		return true
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(d.RetryAfter.Seconds()))))
	WriteError(w, http.StatusServiceUnavailable, fmt.Sprintf(
		"too busy to start a saga: messages of running sagas have waited %.1fs in their streams; retry later (nothing was stored)",
		d.Wait.Seconds()))
	return false
}
