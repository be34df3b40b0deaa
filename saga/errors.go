package saga

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned by stores when a saga, order or other record does
// not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned by stores when an optimistic concurrency check
// fails: somebody else changed the record since it was read.
var ErrConflict = errors.New("concurrent update")

// ErrNoResult is returned when a step has no result to read: it has not
// succeeded, or its success reply carried no data.
var ErrNoResult = errors.New("no result")

// ErrDuplicate is returned when a message was already processed.
var ErrDuplicate = errors.New("duplicate message")

// IllegalTransitionError reports an event that the current state does not
// accept. It is never a panic: callers record it and move on.
type IllegalTransitionError struct {
	Machine string // "saga" or "step"
	Event   string
	From    string
}

func (e *IllegalTransitionError) Error() string {
	return fmt.Sprintf("illegal %s transition: event %q in state %s", e.Machine, e.Event, e.From)
}

// PermanentError marks an error that retrying cannot fix, such as an
// unparseable message. Transports move such messages to a dead-letter
// stream at once instead of redelivering them.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent wraps err as a PermanentError. A nil err stays nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &PermanentError{Err: err}
}

// IsPermanent reports whether err or any error it wraps is permanent.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// UnavailableError marks an error caused by a back end that cannot be
// reached right now (the database is restarting, a connection dropped).
// The message is fine; handling it again later will work. Transports keep
// such a message and retry it without counting the attempt towards
// dead-lettering.
type UnavailableError struct{ Err error }

func (e *UnavailableError) Error() string { return "unavailable: " + e.Err.Error() }
func (e *UnavailableError) Unwrap() error { return e.Err }

// Unavailable wraps err as an UnavailableError. A nil err stays nil.
func Unavailable(err error) error {
	if err == nil {
		return nil
	}
	return &UnavailableError{Err: err}
}

// IsUnavailable reports whether err or any error it wraps is unavailable.
func IsUnavailable(err error) bool {
	var u *UnavailableError
	return errors.As(err, &u)
}
