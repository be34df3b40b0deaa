package saga_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// Seats and a room are held at once; when the seats are refused, the room,
// which may have been booked, is cancelled and its late answer ignored.
func ExampleStep_group() {
	def := &saga.Definition{Type: "getaway", Steps: []saga.Step{
		{Name: "seats", Group: "hold", Participant: "seats.commands", Action: "HoldSeats",
			SuccessReply: "SeatsHeld", FailureReply: "NoSeats",
			Compensation: "ReleaseSeats", CompensatedReply: "SeatsReleased"},
		{Name: "room", Group: "hold", Participant: "hotel.commands", Action: "BookRoom",
			SuccessReply: "RoomBooked", FailureReply: "NoRoom",
			Compensation: "CancelRoom", CompensatedReply: "RoomCancelled"},
		{Name: "pay", Participant: "payment.commands", Action: "Pay", SuccessReply: "Paid", FailureReply: "Declined"},
	}}
	engine := saga.Engine{ReplyTo: "getaway.replies"}
	inst, res, err := engine.Start(def, saga.StartInput{ID: saga.NewID(), Data: json.RawMessage(`{}`), Now: time.Now()})
	if err != nil {
		fmt.Println(err)
		return
	}
	seats, room := res.Messages[0].Envelope, res.Messages[1].Envelope
	fmt.Println("sent:", seats.Type, room.Type)

	answer := func(cmd saga.Envelope, typ string) saga.Result {
		env := saga.Envelope{MessageID: saga.NewID(), Type: typ, SagaID: inst.ID, Step: cmd.Step, CausationID: cmd.MessageID}
		res, err := engine.HandleReply(def, inst, env, time.Now())
		if err != nil {
			fmt.Println(err)
		}
		return res
	}
	res = answer(seats, "NoSeats")
	cancel := res.Messages[0].Envelope
	fmt.Println(inst.State, "sent:", cancel.Type)
	fmt.Println("late answer changes the saga:", answer(room, "RoomBooked").Changed)
	answer(cancel, "RoomCancelled")
	fmt.Println(inst.State)
	// Output:
	// sent: HoldSeats BookRoom
	// COMPENSATING sent: CancelRoom
	// late answer changes the saga: false
	// COMPENSATED
}
