package hotels

import (
	"context"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/saga"
)

// deskClosed is the error of a cancellation that fails on purpose: the
// booking still has failures planned.
type deskClosed struct {
	reference string
	left      int64
}

func (e *deskClosed) Error() string {
	return fmt.Sprintf("the hotel cannot cancel %s now (planned failures left: %d)", e.reference, e.left-1)
}

// cancel fails while the room has cancel failures left, then cancels it.
func cancel(ctx context.Context, tx bookings.Tx, cmd saga.Envelope) error {
	c, err := bookings.Decode[bookings.Booking](cmd)
	if err != nil {
		return err
	}
	var left int64
	err = tx.QueryRow(ctx, `SELECT cancel_failures FROM hotel_bookings WHERE reference = $1 AND saga_id = $2`,
		c.Reference, cmd.SagaID).Scan(&left)
	if err != nil && !errors.Is(err, saga.ErrNotFound) {
		return fmt.Errorf("reading room %s: %w", c.Reference, err)
	}
	if left > 0 {
		return &deskClosed{reference: c.Reference, left: left}
	}
	return bookings.Cancel(table)(ctx, tx, cmd)
}

// failureCounter counts the failed cancellations: the transaction of a
// cancellation that fails is rolled back, so each failure is counted in a
// transaction of its own, right after.
type failureCounter struct{ bookings.Store }

func countFailures(s bookings.Store) bookings.Store { return failureCounter{s} }

func (s failureCounter) InTx(ctx context.Context, fn func(ctx context.Context, tx bookings.Tx) error) error {
	err := s.Store.InTx(ctx, fn)
	var closed *deskClosed
	if !errors.As(err, &closed) {
		return err
	}
	count := func(ctx context.Context, tx bookings.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE hotel_bookings SET cancel_failures = cancel_failures - 1
			WHERE reference = $1 AND cancel_failures > 0`, closed.reference)
		return err
	}
	if cerr := s.Store.InTx(ctx, count); cerr != nil {
		return errors.Join(err, fmt.Errorf("counting the failed cancellation of %s: %w", closed.reference, cerr))
	}
	return err
}
