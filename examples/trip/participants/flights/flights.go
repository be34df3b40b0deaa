package flights

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// The service's name, command stream and default HTTP address.
const (
	Name     = "flights"
	Commands = "flights.commands"
	Addr     = "127.0.0.1:8083"
)

const table = "flight_bookings"

const tables = `CREATE TABLE IF NOT EXISTS flight_bookings (
	reference   TEXT NOT NULL PRIMARY KEY,
	saga_id     TEXT NOT NULL,
	traveller   TEXT NOT NULL,
	origin      TEXT NOT NULL,
	destination TEXT NOT NULL,
	flight_date TEXT NOT NULL,
	state       TEXT NOT NULL CHECK (state IN ('booked', 'cancelled'))
)`

// Participant describes the flights participant.
func Participant() bookings.Participant {
	return bookings.Participant{Name: Name, Commands: Commands, Addr: Addr, Table: table, Tables: tables,
		Step: sdk.Step[bookings.Tx]{
			Action: "BookFlight", Succeeded: "FlightBooked", Failed: "FlightRefused", Do: book,
			Compensation: "CancelFlight", Compensated: "FlightCancelled", Undo: bookings.Cancel(table),
		}}
}

type request struct {
	bookings.Booking
	Traveller string `json:"traveller"`
	From      string `json:"from"`
	To        string `json:"to"`
	Date      string `json:"date"`
}

// Booked is the data of FlightBooked, which later steps of the saga read.
type Booked struct {
	Booking string `json:"booking"`
	Route   string `json:"route"`
	Arrives string `json:"arrives"`
}

func book(ctx context.Context, tx bookings.Tx, cmd saga.Envelope) (sdk.Outcome, error) {
	r, err := bookings.Decode[request](cmd)
	if err != nil {
		return sdk.Outcome{}, err
	}
	if r.From == r.To {
		return sdk.Fail("no flight from " + r.From + " to itself"), nil
	}
	_, err = tx.Exec(ctx, `INSERT INTO flight_bookings
		(reference, saga_id, traveller, origin, destination, flight_date, state)
		VALUES ($1, $2, $3, $4, $5, $6, 'booked')`, r.Reference, cmd.SagaID, r.Traveller, r.From, r.To, r.Date)
	if err != nil {
		return sdk.Outcome{}, fmt.Errorf("booking flight %s: %w", r.Reference, err)
	}
	return sdk.Succeed(Booked{Booking: r.Reference, Route: r.From + "-" + r.To, Arrives: r.To}), nil
}
