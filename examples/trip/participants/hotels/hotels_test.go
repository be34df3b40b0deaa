package hotels_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings/bookingstest"
	"github.com/streamsaga/streamsaga/examples/trip/participants/hotels"
	"github.com/streamsaga/streamsaga/saga"
)

func room(ref string, cancelFailures int) map[string]any {
	return map[string]any{"reference": ref, "guest": "carol", "arrival": "2026-07-01", "flight": "FL-1",
		"stay": map[string]any{"city": "Oslo", "nights": 3, "cancel_failures": cancelFailures}}
}

func TestBookAndCancel(t *testing.T) {
	t.Parallel()
	bookingstest.Drivers(t, hotels.Participant(), func(t *testing.T, e *bookingstest.Env) {
		id := saga.NewID()
		reply := e.Send("BookRoom", id, room("HT-1", 0))
		require.Equal(t, "RoomBooked", reply.Type)
		var booked hotels.Booked
		require.NoError(t, json.Unmarshal(reply.Data, &booked))
		require.Equal(t, hotels.Booked{Booking: "HT-1", City: "Oslo", Nights: 3}, booked)

		reply = e.Send("CancelRoom", id, bookings.Booking{Reference: "HT-1"})
		require.Equal(t, "RoomCancelled", reply.Type)
		require.Nil(t, reply.Error)
		require.Equal(t, "cancelled", e.State("HT-1"))
	})
}

// The cancellation fails the planned number of times, each answered with a
// retryable reply and counted although its transaction is rolled back,
// then works.
func TestCancellationFailsAsPlannedThenWorks(t *testing.T) {
	t.Parallel()
	bookingstest.Drivers(t, hotels.Participant(), func(t *testing.T, e *bookingstest.Env) {
		id := saga.NewID()
		require.Equal(t, "RoomBooked", e.Send("BookRoom", id, room("HT-2", 3)).Type)
		for _, more := range []int{2, 1, 0} {
			reply := e.Send("CancelRoom", id, bookings.Booking{Reference: "HT-2"})
			require.Equal(t, "RoomCancelled", reply.Type)
			require.NotNil(t, reply.Error)
			require.True(t, reply.Error.Retryable)
			require.Contains(t, reply.Error.Message, "the hotel cannot cancel HT-2 now")
			require.Contains(t, reply.Error.Message, fmt.Sprintf("(planned failures left: %d)", more))
			require.Equal(t, "booked", e.State("HT-2"))
		}
		reply := e.Send("CancelRoom", id, bookings.Booking{Reference: "HT-2"})
		require.Equal(t, "RoomCancelled", reply.Type)
		require.Nil(t, reply.Error)
		require.Equal(t, "cancelled", e.State("HT-2"))
		require.Equal(t, bookings.Counts{Cancelled: 1}, e.Counts())
	})
}
