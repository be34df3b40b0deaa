package cars_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings/bookingstest"
	"github.com/streamsaga/streamsaga/examples/trip/participants/cars"
	"github.com/streamsaga/streamsaga/saga"
)

func rental(ref, class string) map[string]any {
	return map[string]any{"reference": ref, "driver": "carol", "pickup": "OSL airport",
		"rental": map[string]any{"class": class, "days": 3}}
}

func TestRentAndReturn(t *testing.T) {
	t.Parallel()
	bookingstest.Drivers(t, cars.Participant(), func(t *testing.T, e *bookingstest.Env) {
		id := saga.NewID()
		reply := e.Send("RentCar", id, rental("CR-1", "compact"))
		require.Equal(t, "CarRented", reply.Type)
		var rented cars.Rented
		require.NoError(t, json.Unmarshal(reply.Data, &rented))
		require.Equal(t, cars.Rented{Booking: "CR-1", Class: "compact", Pickup: "OSL airport"}, rented)
		require.Equal(t, "booked", e.State("CR-1"))

		require.Equal(t, "CarReturned", e.Send("ReturnCar", id, bookings.Booking{Reference: "CR-1"}).Type)
		require.Equal(t, "cancelled", e.State("CR-1"))
	})
}

// A class the fleet lacks is refused: a business failure, nothing rented.
func TestClassOutsideTheFleetIsRefused(t *testing.T) {
	t.Parallel()
	bookingstest.Drivers(t, cars.Participant(), func(t *testing.T, e *bookingstest.Env) {
		reply := e.Send("RentCar", saga.NewID(), rental("CR-2", "limousine"))
		require.Equal(t, "CarRefused", reply.Type)
		require.Equal(t, "no limousine car at OSL airport: the fleet has [economy compact van]", reply.Error.Message)
		require.False(t, reply.Error.Retryable)
		require.Empty(t, e.State("CR-2"))
		require.Equal(t, bookings.Counts{}, e.Counts())
	})
}
