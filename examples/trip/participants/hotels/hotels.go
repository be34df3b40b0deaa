package hotels

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// The service's name, command stream and default HTTP address.
const (
	Name     = "hotels"
	Commands = "hotels.commands"
	Addr     = "127.0.0.1:8084"
)

const table = "hotel_bookings"

const tables = `CREATE TABLE IF NOT EXISTS hotel_bookings (
	reference       TEXT    NOT NULL PRIMARY KEY,
	saga_id         TEXT    NOT NULL,
	guest           TEXT    NOT NULL,
	city            TEXT    NOT NULL,
	arrival         TEXT    NOT NULL,
	nights          INTEGER NOT NULL CHECK (nights > 0),
	flight          TEXT    NOT NULL,
	cancel_failures INTEGER NOT NULL DEFAULT 0 CHECK (cancel_failures >= 0),
	state           TEXT    NOT NULL CHECK (state IN ('booked', 'cancelled'))
)`

// Participant describes the hotels participant.
func Participant() bookings.Participant {
	return bookings.Participant{Name: Name, Commands: Commands, Addr: Addr, Table: table, Tables: tables,
		Step: sdk.Step[bookings.Tx]{
			Action: "BookRoom", Succeeded: "RoomBooked", Failed: "RoomRefused", Do: book,
			Compensation: "CancelRoom", Compensated: "RoomCancelled", Undo: cancel,
		},
		Wrap: countFailures}
}

type request struct {
	bookings.Booking
	Guest string `json:"guest"`
	Stay  struct {
		City           string `json:"city"`
		Nights         int64  `json:"nights"`
		CancelFailures int64  `json:"cancel_failures"`
	} `json:"stay"`
	Arrival string `json:"arrival"`
	Flight  string `json:"flight"`
}

// Booked is the data of RoomBooked.
type Booked struct {
	Booking string `json:"booking"`
	City    string `json:"city"`
	Nights  int64  `json:"nights"`
}

func book(ctx context.Context, tx bookings.Tx, cmd saga.Envelope) (sdk.Outcome, error) {
	r, err := bookings.Decode[request](cmd)
	if err != nil {
		return sdk.Outcome{}, err
	}
	if r.Stay.Nights <= 0 || r.Stay.CancelFailures < 0 {
		return sdk.Fail(fmt.Sprintf("a stay of %d nights, %d cancel failures", r.Stay.Nights, r.Stay.CancelFailures)), nil
	}
	_, err = tx.Exec(ctx, `INSERT INTO hotel_bookings
		(reference, saga_id, guest, city, arrival, nights, flight, cancel_failures, state)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'booked')`,
		r.Reference, cmd.SagaID, r.Guest, r.Stay.City, r.Arrival, r.Stay.Nights, r.Flight, r.Stay.CancelFailures)
	if err != nil {
		return sdk.Outcome{}, fmt.Errorf("booking room %s: %w", r.Reference, err)
	}
	return sdk.Succeed(Booked{Booking: r.Reference, City: r.Stay.City, Nights: r.Stay.Nights}), nil
}
