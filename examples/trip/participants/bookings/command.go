package bookings

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// Booking is what every command of a trip participant carries: the
// booking's reference, which the saga gives (FL-<saga id>), so that the
// cancellation can name it whether or not the booking's reply came.
type Booking struct {
	Reference string `json:"reference"`
}

// Ref returns the reference.
func (b Booking) Ref() string { return b.Reference }

// Decode reads cmd's data into a C. Data that does not decode, or lacks
// the reference, never will: the error is permanent and the command is
// dead-lettered.
func Decode[C interface{ Ref() string }](cmd saga.Envelope) (C, error) {
	var c C
	if err := json.Unmarshal(cmd.Data, &c); err != nil {
		return c, saga.Permanent(fmt.Errorf("decoding %s data: %w", cmd.Type, err))
	}
	if c.Ref() == "" {
		return c, saga.Permanent(fmt.Errorf("%s data: reference is required", cmd.Type))
	}
	return c, nil
}

// Cancel is the compensation of every trip participant: the booking that
// the command names, made by the same saga, is cancelled. The SDK runs it
// only after the booking succeeded, once.
func Cancel(table string) sdk.CompensationFunc[Tx] {
	return func(ctx context.Context, tx Tx, cmd saga.Envelope) error {
		c, err := Decode[Booking](cmd)
		if err != nil {
			return err
		}
		q := fmt.Sprintf(`UPDATE %s SET state = 'cancelled' WHERE reference = $1 AND saga_id = $2`, table)
		n, err := tx.Exec(ctx, q, c.Reference, cmd.SagaID)
		switch {
		case err != nil:
			return fmt.Errorf("cancelling %s: %w", c.Reference, err)
		case n == 0:
			return errors.New("cancelling " + c.Reference + ": saga " + cmd.SagaID + " booked nothing under it")
		}
		return nil
	}
}
