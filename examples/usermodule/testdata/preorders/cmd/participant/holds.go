package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// tx is one transaction of the participant: the engine's outbox, inbox and
// barrier, and the participant's own statements on DB.
type tx struct{ pg.Messaging }

func holdStep() sdk.Step[tx] {
	return sdk.Step[tx]{
		Action: "HoldStock", Succeeded: "StockHeld", Failed: "HoldRefused", Do: hold,
		Compensation: "ReleaseHold", Compensated: "HoldReleased", Undo: release,
	}
}

// hold records a hold and answers with its id.
func hold(ctx context.Context, t tx, cmd saga.Envelope) (sdk.Outcome, error) {
	var in struct {
		SKU      string `json:"sku"`
		Quantity int    `json:"quantity"`
	}
	if err := json.Unmarshal(cmd.Data, &in); err != nil {
		return sdk.Outcome{}, saga.Permanent(fmt.Errorf("decoding hold: %w", err))
	}
	id := "H-" + cmd.SagaID
	_, err := t.DB.Exec(ctx, `INSERT INTO holds (hold_id, saga_id, sku, quantity, state)
		VALUES ($1, $2, $3, $4, 'held')`, id, cmd.SagaID, in.SKU, in.Quantity)
	if err != nil {
		return sdk.Outcome{}, fmt.Errorf("recording hold: %w", err)
	}
	return sdk.Succeed(map[string]string{"hold_id": id}), nil
}

// release marks the saga's hold released.
func release(ctx context.Context, t tx, cmd saga.Envelope) error {
	_, err := t.DB.Exec(ctx, `UPDATE holds SET state = 'released' WHERE saga_id = $1`, cmd.SagaID)
	return err
}

// confirm confirms the hold it is given, or refuses when asked to, and
// answers with the command's data as it received it.
func confirm(ctx context.Context, t tx, cmd saga.Envelope) (sdk.Outcome, error) {
	var in struct {
		HoldID string `json:"hold_id"`
		Refuse bool   `json:"refuse"`
	}
	if err := json.Unmarshal(cmd.Data, &in); err != nil {
		return sdk.Outcome{}, saga.Permanent(fmt.Errorf("decoding confirmation: %w", err))
	}
	if in.Refuse {
		return sdk.Fail("preorder refused"), nil
	}
	tag, err := t.DB.Exec(ctx, `UPDATE holds SET state = 'confirmed' WHERE hold_id = $1`, in.HoldID)
	if err != nil {
		return sdk.Outcome{}, fmt.Errorf("confirming hold %s: %w", in.HoldID, err)
	}
	if tag.RowsAffected() != 1 {
		return sdk.Fail("no hold " + in.HoldID), nil
	}
	return sdk.Succeed(json.RawMessage(cmd.Data)), nil
}
