package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/orchestrator/store"
	"github.com/streamsaga/streamsaga/saga"
)

// StartRefusedError says why a requested saga was not started: its type
// is unknown or not startable on request, or its data was refused.
type StartRefusedError struct{ Reason string }

func (e *StartRefusedError) Error() string { return e.Reason }

// StartRequest is a saga asked for from outside, e.g. POST /sagas.
type StartRequest struct {
	Type string
	Data json.RawMessage
	// TraceParent continues the caller's trace. Optional.
	TraceParent string
}

// StartRequested starts a saga of a type whose definition allows a start
// on request (HTTPStart), after its ValidateInput: the saga row, its
// history and its first command in one transaction. It returns the new
// saga's id, or a *StartRefusedError and nothing stored.
func (r *Runner) StartRequested(ctx context.Context, req StartRequest) (string, error) {
	if err := r.checkStart(req); err != nil {
		return "", err
	}
	id := saga.NewID()
	err := r.cfg.Store.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		return r.Start(ctx, tx, req.Type, saga.StartInput{ID: id, Data: req.Data, TraceParent: req.TraceParent})
	})
	if err != nil {
		return "", fmt.Errorf("starting a %s saga: %w", req.Type, err)
	}
	return id, nil
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
