package dev_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// TestDevModeRunsTheTripExample runs the trip example's three cases in the
// dev mode: a trip booked and paid; a car refused inside the parallel
// group, which cancels the hotel and the flight and never sends the
// payment; a payment declined whose hotel cancellation keeps failing, so
// the saga ends FAILED until an operator retries it from the explorer.
// The participants' own tables and the accounts add up at the end.
func TestDevModeRunsTheTripExample(t *testing.T) {
	o := tripOptions(t, t.TempDir())
	var out bytes.Buffer
	o.Out = &out
	stop := start(t, o)
	carol := balance(t, o, "carol")

	// (a) every step succeeds; the hotel's and the car's results are in
	// the saga.
	ok := startTrip(t, o, tripData("carol", "compact", 0))
	s := waitSaga(t, o, ok, "COMPLETED")
	require.Equal(t, map[string]string{"flight": "SUCCEEDED", "hotel": "SUCCEEDED", "car": "SUCCEEDED", "pay": "SUCCEEDED"}, s.states())
	require.JSONEq(t, `{"booking": "HT-`+ok+`", "city": "Oslo", "nights": 3}`, string(s.step("hotel").Result))
	require.JSONEq(t, `{"booking": "CR-`+ok+`", "class": "compact", "pickup": "OSL airport"}`, string(s.step("car").Result))
	require.JSONEq(t, `{"order_id": "trip-`+ok+`", "amount_cents": 64000}`, string(s.step("pay").Result))
	require.Equal(t, carol-64_000, balance(t, o, "carol"))

	// (b) the car is refused: the hotel (booked, or abandoned before it
	// answered) and the flight are cancelled; the payment is never sent.
	refused := startTrip(t, o, tripData("carol", "limousine", 0))
	s = waitSaga(t, o, refused, "COMPENSATED")
	require.Equal(t, map[string]string{"flight": "COMPENSATED", "hotel": "COMPENSATED", "car": "FAILED", "pay": "PENDING"}, s.states())
	require.Contains(t, s.step("car").LastError, "no limousine car at OSL airport")
	require.False(t, sentFor(s, "pay"), "no payment command for a refused trip")
	require.Equal(t, carol-64_000, balance(t, o, "carol"), "nothing charged")
	require.Equal(t, "cancelled", booking(t, o.FlightsAddr, "FL-"+refused))
	require.Contains(t, []string{"cancelled", ""}, booking(t, o.HotelsAddr, "HT-"+refused))
	require.Empty(t, booking(t, o.CarsAddr, "CR-"+refused))

	// (c) bob cannot pay; the car is returned at once, but the hotel's
	// cancellation fails four times where the step allows three attempts:
	// FAILED, with the hotel and the flight still booked.
	stuck := startTrip(t, o, tripData("bob", "compact", 4))
	s = waitSaga(t, o, stuck, "FAILED")
	require.Equal(t, map[string]string{"flight": "SUCCEEDED", "hotel": "COMPENSATING", "car": "COMPENSATED", "pay": "FAILED"}, s.states())
	require.Equal(t, 3, s.step("hotel").CompensationAttempts)
	require.Contains(t, s.step("hotel").LastError, "the hotel cannot cancel HT-"+stuck)
	require.Equal(t, "booked", booking(t, o.HotelsAddr, "HT-"+stuck))
	require.Equal(t, "booked", booking(t, o.FlightsAddr, "FL-"+stuck))
	require.Equal(t, "cancelled", booking(t, o.CarsAddr, "CR-"+stuck))

	// The operator retries from the explorer: the cancellation fails its
	// last planned time, then works, and the flight is cancelled after it.
	retryFromUI(t, o, stuck, "night shift")
	s = waitSaga(t, o, stuck, "COMPENSATED")
	require.Equal(t, map[string]string{"flight": "COMPENSATED", "hotel": "COMPENSATED", "car": "COMPENSATED", "pay": "FAILED"}, s.states())
	require.Equal(t, 2, s.step("hotel").CompensationAttempts, "a fresh budget: one more failure, then done")
	require.Equal(t, "cancelled", booking(t, o.HotelsAddr, "HT-"+stuck))
	require.Equal(t, "cancelled", booking(t, o.FlightsAddr, "FL-"+stuck))
	require.Equal(t, int64(1_500), balance(t, o, "bob"), "bob was never charged")

	// Only the completed trip holds bookings; every other one is cancelled
	// or was never made.
	hotelCancelled := 1
	if booking(t, o.HotelsAddr, "HT-"+refused) == "cancelled" {
		hotelCancelled = 2
	}
	for addr, want := range map[string]counts{o.FlightsAddr: {1, 2}, o.HotelsAddr: {1, hotelCancelled}, o.CarsAddr: {1, 1}} {
		var c counts
		getJSON(t, "http://"+addr+"/bookings", &c)
		require.Equal(t, want, c, addr)
	}
	require.NoError(t, stop())
	for _, want := range []string{"flights       http://" + o.FlightsAddr, "hotels        http://" + o.HotelsAddr,
		"cars          http://" + o.CarsAddr, "carol 5000.00", `-d '{"type":"trip","data":{"customer_id":"carol"`} {
		require.Contains(t, out.String(), want)
	}
}

// On PostgreSQL the dev mode builds each example participant's schema
// itself (schema.sql holds only the order saga's services), and again,
// unchanged, on the next start.
func TestDevModeRunsTheTripOnPostgres(t *testing.T) {
	o := tripOptions(t, t.TempDir())
	o.DatabaseURL = testenv.Database(t)
	stop := start(t, o)
	id := startTrip(t, o, tripData("carol", "van", 0))
	s := waitSaga(t, o, id, "COMPLETED")
	require.JSONEq(t, `{"booking": "CR-`+id+`", "class": "van", "pickup": "OSL airport"}`, string(s.step("car").Result))
	require.NoError(t, stop())

	o2 := tripOptions(t, o.DataDir)
	o2.DatabaseURL = o.DatabaseURL
	stop = start(t, o2)
	for _, b := range [][2]string{{o2.FlightsAddr, "FL-"}, {o2.HotelsAddr, "HT-"}, {o2.CarsAddr, "CR-"}} {
		require.Equal(t, "booked", booking(t, b[0], b[1]+id))
	}
	require.NoError(t, stop())
}
