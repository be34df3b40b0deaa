package bookings_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings/bookingstest"
	"github.com/streamsaga/streamsaga/examples/trip/participants/flights"
	"github.com/streamsaga/streamsaga/saga"
)

var flight = map[string]string{"reference": "FL-1", "traveller": "carol", "from": "LIS", "to": "OSL", "date": "2026-07-01"}

// A command without a reference, or whose data does not decode, can never
// be handled: its error is permanent (the entry is dead-lettered).
func TestUnreadableCommandsArePermanentErrors(t *testing.T) {
	t.Parallel()
	bookingstest.Drivers(t, flights.Participant(), func(t *testing.T, e *bookingstest.Env) {
		id := saga.NewID()
		err := e.Deliver(bookingstest.Command("BookFlight", id, map[string]string{"from": "LIS"}))
		require.ErrorContains(t, err, "reference is required")
		require.True(t, saga.IsPermanent(err))
		require.Equal(t, "FlightBooked", e.Send("BookFlight", id, flight).Type)
		err = e.Deliver(bookingstest.Command("CancelFlight", id, []int{1}))
		require.ErrorContains(t, err, "decoding CancelFlight data")
		require.True(t, saga.IsPermanent(err))
		require.Equal(t, "booked", e.State("FL-1"))
	})
}

// A cancellation naming a booking its saga did not make changes nothing
// and is answered with a retryable reply: the saga ends FAILED for an
// operator rather than counting it done.
func TestCancellingAnotherBookingIsRetried(t *testing.T) {
	t.Parallel()
	bookingstest.Drivers(t, flights.Participant(), func(t *testing.T, e *bookingstest.Env) {
		id := saga.NewID()
		require.Equal(t, "FlightBooked", e.Send("BookFlight", id, flight).Type)
		reply := e.Send("CancelFlight", id, bookings.Booking{Reference: "FL-9"})
		require.Equal(t, "FlightCancelled", reply.Type)
		require.True(t, reply.Error.Retryable)
		require.Contains(t, reply.Error.Message, "booked nothing under it")
		require.Equal(t, "booked", e.State("FL-1"))
		require.Equal(t, bookings.Counts{Booked: 1}, e.Counts())
	})
}

func TestAPI(t *testing.T) {
	t.Parallel()
	bookingstest.Drivers(t, flights.Participant(), func(t *testing.T, e *bookingstest.Env) {
		id := saga.NewID()
		require.Equal(t, "FlightBooked", e.Send("BookFlight", id, flight).Type)
		var v bookings.View
		require.Equal(t, http.StatusOK, e.Get("/bookings/FL-1", &v))
		require.Equal(t, bookings.View{Reference: "FL-1", SagaID: id, State: "booked"}, v)
		require.Equal(t, http.StatusNotFound, e.Get("/bookings/FL-2", nil))
		require.Equal(t, http.StatusBadRequest, e.Get("/bookings/FL%00", nil))
		require.Equal(t, http.StatusOK, e.Get("/healthz", nil))
	})
}
