package cli

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// usageError is a command line that cannot be run: exit code 2, with the
// command's usage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usagef builds a usageError.
func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// isUsage reports whether err is a usage error.
func isUsage(err error) bool {
	var u *usageError
	return errors.As(err, &u)
}

// errReported is a failure the command has printed itself: exit code 1
// with nothing more to say.
var errReported = errors.New("reported")

// apiError is an answer outside 2xx: the request, the status and the
// API's {"error": ...} message (or the start of a body that is not one).
type apiError struct {
	method, path string
	status       int
	msg          string
	// hint says what to do about it, when something obvious applies.
	hint string
}

func (e *apiError) Error() string {
	s := fmt.Sprintf("%s %s: %d %s: %s", e.method, e.path, e.status, http.StatusText(e.status), e.msg)
	if e.hint != "" {
		s += " (" + e.hint + ")"
	}
	return s
}

// statusOf returns the HTTP status of an apiError in err's chain, or 0.
func statusOf(err error) int {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.status
	}
	return 0
}

// reachError is a request that got no answer: the server is down, the
// address wrong, or the answer took longer than the timeout.
type reachError struct {
	method, path, base string
	timeout            time.Duration
	timedOut           bool
	err                error
}

func (e *reachError) Error() string {
	if e.timedOut {
		return fmt.Sprintf("%s %s: no answer from %s within %s (--timeout sets the limit)",
			e.method, e.path, e.base, e.timeout)
	}
	return fmt.Sprintf("%s %s: cannot reach the orchestrator at %s: %v", e.method, e.path, e.base, e.err)
}

func (e *reachError) Unwrap() error { return e.err }

// oneLine folds an error's message onto one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
