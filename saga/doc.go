// Package saga is the I/O-free core of streamsaga.
//
// It holds saga definitions (named steps with their action and compensation
// commands), the saga and step state machines (built on looplab/fsm), the
// retry policy, the message envelope that travels over the streams, and the
// error types that callers branch on.
//
// The package imports neither a database driver nor a Redis client: the
// engine is a pure function from (definition, instance, incoming message) to
// (new instance, outgoing commands, history entries). The subpackages of saga
// hold the parts with I/O: the Redis Streams transport, the outbox relay, the
// inbox and the store drivers.
//
// # Parallel groups
//
// Steps next to each other with the same Step.Group form a parallel group:
// one transition sends every member's action, and the saga moves on once
// all of them succeeded, whatever the order of their replies. Here the
// seats and the hotel are held at once, then the trip is paid:
//
//	def := &saga.Definition{Type: "trip", Steps: []saga.Step{
//		{Name: "seats", Group: "hold", Participant: "seats.commands",
//			Action: "HoldSeats", SuccessReply: "SeatsHeld", FailureReply: "NoSeats",
//			Compensation: "ReleaseSeats", CompensatedReply: "SeatsReleased"},
//		{Name: "hotel", Group: "hold", Participant: "hotel.commands",
//			Action: "BookRoom", SuccessReply: "RoomBooked", FailureReply: "NoRoom",
//			Compensation: "CancelRoom", CompensatedReply: "RoomCancelled"},
//		{Name: "pay", Participant: "payment.commands",
//			Action: "Pay", SuccessReply: "Paid", FailureReply: "Declined"},
//	}}
//
// Each member has its own deadline, attempts and retries; the saga's next
// deadline is the earliest of them. When a member fails (a failure reply,
// its retries spent, or no reply after its last attempt) the group is
// compensated in one transition, then the earlier steps in reverse order:
//
//   - a member that succeeded is compensated;
//   - the failing member is compensated only when its action may have run
//     (retries spent or no reply: it has the history line of a give-up);
//     a failure reply means the action took no effect, so it ends FAILED
//     as a failing step of its own does;
//   - a member still waiting for its reply is abandoned (history line
//     step_abandoned): it is compensated, since its action may have run
//     (the participant's barrier makes that safe, and refuses the action
//     if it arrives late), or, without a compensation, ends FAILED. A late
//     reply to its action, success or failure, is ignored.
//
// The earlier steps are compensated once every compensation of the group
// was answered. When a later step fails, the whole group is compensated at
// once, then the steps before it. A member's payload cannot read the
// result of another member of its group: it is not there yet.
//
// # Typed sagas
//
// A Definition sees a saga's data and its steps' results as raw JSON. A saga
// type written in Go may instead be a Typed[D], where D is the Go type of its
// data: its steps (TypedStep[D]) build their commands from an Input[D], whose
// Data is already a D and whose Result decodes an earlier step's reply, and
// its Validate checks a D. Typed.Definition returns the Definition the engine
// runs, so registries, runners and stores stay untyped:
//
//   - each payload builder decodes the saga's data into a D first; data that
//     does not decode is a permanent *DataError naming the saga and its type;
//   - ValidateInput decodes the data of a saga started over HTTP strictly
//     (unknown fields and values of the wrong JSON type are refused with the
//     field's name), then runs Validate.
//
// DecodeData reads the data of any saga, running or finished, as a D.
package saga
