package cars

import (
	"context"
	"fmt"
	"slices"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// The service's name, command stream and default HTTP address.
const (
	Name     = "cars"
	Commands = "cars.commands"
	Addr     = "127.0.0.1:8085"
)

// Fleet are the classes of car the participant rents.
var Fleet = []string{"economy", "compact", "van"}

const table = "car_rentals"

const tables = `CREATE TABLE IF NOT EXISTS car_rentals (
	reference TEXT    NOT NULL PRIMARY KEY,
	saga_id   TEXT    NOT NULL,
	driver    TEXT    NOT NULL,
	class     TEXT    NOT NULL,
	days      INTEGER NOT NULL CHECK (days > 0),
	pickup    TEXT    NOT NULL,
	state     TEXT    NOT NULL CHECK (state IN ('booked', 'cancelled'))
)`

// Participant describes the cars participant.
func Participant() bookings.Participant {
	return bookings.Participant{Name: Name, Commands: Commands, Addr: Addr, Table: table, Tables: tables,
		Step: sdk.Step[bookings.Tx]{
			Action: "RentCar", Succeeded: "CarRented", Failed: "CarRefused", Do: rent,
			Compensation: "ReturnCar", Compensated: "CarReturned", Undo: bookings.Cancel(table),
		}}
}

type request struct {
	bookings.Booking
	Driver string `json:"driver"`
	Rental struct {
		Class string `json:"class"`
		Days  int64  `json:"days"`
	} `json:"rental"`
	Pickup string `json:"pickup"`
}

// Rented is the data of CarRented.
type Rented struct {
	Booking string `json:"booking"`
	Class   string `json:"class"`
	Pickup  string `json:"pickup"`
}

func rent(ctx context.Context, tx bookings.Tx, cmd saga.Envelope) (sdk.Outcome, error) {
	r, err := bookings.Decode[request](cmd)
	if err != nil {
		return sdk.Outcome{}, err
	}
	switch {
	case !slices.Contains(Fleet, r.Rental.Class):
		return sdk.Fail(fmt.Sprintf("no %s car at %s: the fleet has %v", r.Rental.Class, r.Pickup, Fleet)), nil
	case r.Rental.Days <= 0:
		return sdk.Fail(fmt.Sprintf("a rental of %d days", r.Rental.Days)), nil
	}
	_, err = tx.Exec(ctx, `INSERT INTO car_rentals (reference, saga_id, driver, class, days, pickup, state)
		VALUES ($1, $2, $3, $4, $5, $6, 'booked')`, r.Reference, cmd.SagaID, r.Driver, r.Rental.Class, r.Rental.Days, r.Pickup)
	if err != nil {
		return sdk.Outcome{}, fmt.Errorf("renting car %s: %w", r.Reference, err)
	}
	return sdk.Succeed(Rented{Booking: r.Reference, Class: r.Rental.Class, Pickup: r.Pickup}), nil
}
