package flights_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings/bookingstest"
	"github.com/streamsaga/streamsaga/examples/trip/participants/flights"
	"github.com/streamsaga/streamsaga/saga"
)

func flight(ref, from, to string) map[string]string {
	return map[string]string{"reference": ref, "traveller": "carol", "from": from, "to": to, "date": "2026-07-01"}
}

// A flight is booked with the reference the saga gives, answered with what
// the later steps read, and cancelled by the compensation.
func TestBookAndCancel(t *testing.T) {
	t.Parallel()
	bookingstest.Drivers(t, flights.Participant(), func(t *testing.T, e *bookingstest.Env) {
		id := saga.NewID()
		reply := e.Send("BookFlight", id, flight("FL-1", "LIS", "OSL"))
		require.Equal(t, "FlightBooked", reply.Type)
		require.Nil(t, reply.Error)
		var booked flights.Booked
		require.NoError(t, json.Unmarshal(reply.Data, &booked))
		require.Equal(t, flights.Booked{Booking: "FL-1", Route: "LIS-OSL", Arrives: "OSL"}, booked)
		require.Equal(t, "booked", e.State("FL-1"))

		reply = e.Send("CancelFlight", id, bookings.Booking{Reference: "FL-1"})
		require.Equal(t, "FlightCancelled", reply.Type)
		require.Nil(t, reply.Error)
		require.Equal(t, "cancelled", e.State("FL-1"))
		require.Equal(t, bookings.Counts{Cancelled: 1}, e.Counts())
	})
}

// A flight to where it leaves from is refused and books nothing; its
// compensation then has nothing to undo.
func TestRefusedFlightBooksNothing(t *testing.T) {
	t.Parallel()
	bookingstest.Drivers(t, flights.Participant(), func(t *testing.T, e *bookingstest.Env) {
		id := saga.NewID()
		reply := e.Send("BookFlight", id, flight("FL-2", "OSL", "OSL"))
		require.Equal(t, "FlightRefused", reply.Type)
		require.Equal(t, "no flight from OSL to itself", reply.Error.Message)
		require.False(t, reply.Error.Retryable)
		require.Equal(t, "FlightCancelled", e.Send("CancelFlight", id, bookings.Booking{Reference: "FL-2"}).Type)
		require.Empty(t, e.State("FL-2"))
		require.Equal(t, bookings.Counts{}, e.Counts())
	})
}

// A cancellation that overtakes its booking leaves nothing behind, and the
// late booking is refused.
func TestCancelBeforeBook(t *testing.T) {
	t.Parallel()
	bookingstest.Drivers(t, flights.Participant(), func(t *testing.T, e *bookingstest.Env) {
		id := saga.NewID()
		require.Equal(t, "FlightCancelled", e.Send("CancelFlight", id, bookings.Booking{Reference: "FL-3"}).Type)
		reply := e.Send("BookFlight", id, flight("FL-3", "LIS", "OSL"))
		require.Equal(t, "FlightRefused", reply.Type)
		require.Empty(t, e.State("FL-3"))
	})
}
