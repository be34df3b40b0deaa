package saga_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// Trip is the data a trip saga starts with.
type Trip struct {
	Traveller string `json:"traveller"`
	Nights    int    `json:"nights"`
}

// tripSaga books a room, then charges the traveller the price per night
// the hotel answered with.
func tripSaga() saga.Typed[Trip] {
	return saga.Typed[Trip]{
		Type: "trip", HTTPStart: true,
		Validate: func(t Trip) error {
			if t.Traveller == "" || t.Nights <= 0 {
				return errors.New("a trip needs a traveller and at least one night")
			}
			return nil
		},
		Steps: []saga.TypedStep[Trip]{
			{Name: "room", Participant: "hotel.commands", Action: "BookRoom", SuccessReply: "RoomBooked",
				FailureReply: "RoomRefused", Compensation: "CancelRoom", CompensatedReply: "RoomCancelled",
				Payload: func(in saga.Input[Trip]) (any, error) {
					return map[string]any{"guest": in.Data.Traveller, "nights": in.Data.Nights}, nil
				}},
			{Name: "pay", Participant: "payment.commands", Action: "Charge", SuccessReply: "Charged",
				FailureReply: "Declined", Payload: chargePayload},
		},
	}
}

// chargePayload reads the room step's result next to the trip's data.
func chargePayload(in saga.Input[Trip]) (any, error) {
	var room struct {
		Booking      string `json:"booking"`
		NightlyCents int    `json:"nightly_cents"`
	}
	if err := in.Result("room", &room); err != nil {
		return nil, err
	}
	return map[string]any{"payer": in.Data.Traveller, "booking": room.Booking,
		"amount_cents": room.NightlyCents * in.Data.Nights}, nil
}

// A typed saga runs on the untyped engine: its second command is built
// from the trip's data and the first step's result.
func ExampleTyped() {
	def := tripSaga().Definition()
	engine := saga.Engine{ReplyTo: "trip.replies"}
	inst, res, err := engine.Start(def, saga.StartInput{
		ID: saga.NewID(), Data: json.RawMessage(`{"traveller":"ada","nights":3}`), Now: time.Now()})
	if err != nil {
		fmt.Println(err)
		return
	}
	book := res.Messages[0].Envelope
	fmt.Println(book.Type, string(book.Data))

	booked := saga.Envelope{MessageID: saga.NewID(), Type: "RoomBooked", SagaID: inst.ID, Step: "room",
		CausationID: book.MessageID, Data: json.RawMessage(`{"booking":"B-17","nightly_cents":9000}`)}
	if res, err = engine.HandleReply(def, inst, booked, time.Now()); err != nil {
		fmt.Println(err)
		return
	}
	charge := res.Messages[0].Envelope
	fmt.Println(charge.Type, string(charge.Data))
	// Output:
	// BookRoom {"guest":"ada","nights":3}
	// Charge {"amount_cents":27000,"booking":"B-17","payer":"ada"}
}

// The definition's ValidateInput refuses data a Trip cannot hold before
// Validate sees what it can.
func ExampleTyped_validation() {
	validate := tripSaga().Definition().ValidateInput
	for _, data := range []string{
		`{"traveller":"ada","nights":"three"}`,
		`{"traveller":"ada","nights":3,"pets":1}`,
		`{"traveller":"ada"}`,
		`{"traveller":"ada","nights":3}`,
	} {
		fmt.Println(validate(json.RawMessage(data)))
	}
	// Output:
	// data: field "nights" must be an integer, got a string
	// data: unknown field "pets"
	// a trip needs a traveller and at least one night
	// <nil>
}

// DecodeData reads the typed data of a saga, running or finished.
func ExampleDecodeData() {
	inst := &saga.Instance{ID: "0b8e4bd4-4a4c-4c53-9a52-2f4a1d0c7e11", Type: "trip",
		State: saga.StateCompleted, Data: json.RawMessage(`{"traveller":"ada","nights":3}`)}
	trip, err := saga.DecodeData[Trip](inst)
	fmt.Printf("%+v %v\n", trip, err)

	inst.Data = json.RawMessage(`{"nights":"three"}`)
	_, err = saga.DecodeData[Trip](inst)
	fmt.Println(err)
	// Output:
	// {Traveller:ada Nights:3} <nil>
	// saga 0b8e4bd4-4a4c-4c53-9a52-2f4a1d0c7e11 (type trip): decoding its data into saga_test.Trip: field "nights" must be an integer, got a string
}
