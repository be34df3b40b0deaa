package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// StartRefusedError says why a requested saga was not started: its type
// is unknown or not startable on request, or its data was refused (by the
// definition's ValidateInput, or because the first command's data cannot
// be built from it for good).
type StartRefusedError struct{ Reason string }

func (e *StartRefusedError) Error() string { return e.Reason }

// StartRequest is a saga asked for from outside, e.g. POST /sagas.
type StartRequest struct {
	Type string
	Data json.RawMessage
	// IdempotencyKey makes a repeat of the request answer the saga the
	// first one started. Optional; the caller checks it is text a column
	// holds (orders.CheckKey).
	IdempotencyKey string
	// TraceParent continues the caller's trace. Optional.
	TraceParent string
}

// Started is the saga a request started, or the one its key started
// before.
type Started struct {
	ID   string
	Type string
	// Replayed is true when the idempotency key named a saga started by an
	// earlier request.
	Replayed bool
}

// StartRequested starts a saga of a type whose definition allows a start
// on request (HTTPStart), after its ValidateInput: the saga row, its
// history and its first command in one transaction. With an idempotency
// key, a repeat of the request answers the saga the key started, and
// another request under the key is ErrKeyReused. A refused request is a
// *StartRefusedError; nothing is stored for either.
func (r *Runner) StartRequested(ctx context.Context, req StartRequest) (Started, error) {
	if err := r.checkStart(req); err != nil {
		return Started{}, err
	}
	key, err := requestKey(req)
	if err != nil {
		return Started{}, err
	}
	for range 3 { // the loser of a race for the key finds the winner's saga
		started, err := r.startOnce(ctx, req, key)
		if !errors.Is(err, driver.ErrIdempotencyKeyUsed) {
			return started, err
		}
	}
	return Started{}, fmt.Errorf("starting a %s saga: idempotency key kept changing hands", req.Type)
}

// checkStart refuses a request the newest definition of its type does not
// allow.
func (r *Runner) checkStart(req StartRequest) error {
	def, err := r.cfg.Registry.Get(req.Type)
	if errors.Is(err, saga.ErrNotFound) {
		return &StartRefusedError{Reason: fmt.Sprintf("saga type %q is not registered", req.Type)}
	}
	if err != nil {
		return err
	}
	if !def.HTTPStart {
		return &StartRefusedError{Reason: fmt.Sprintf("saga type %q cannot be started over HTTP", req.Type)}
	}
	if d := bytes.TrimSpace(req.Data); len(d) == 0 || d[0] != '{' {
		return &StartRefusedError{Reason: "data must be a JSON object"}
	}
	if def.ValidateInput != nil {
		if err := def.ValidateInput(req.Data); err != nil {
			return &StartRefusedError{Reason: err.Error()}
		}
	}
	return nil
}
