// Package sdk is the participant SDK: it turns a command read from a stream
// into exactly one effect and exactly one reply, whatever the transport
// repeats or reorders.
//
// A participant registers one ActionFunc per action command and one
// CompensationFunc per compensation command, then hands Participant.Handle
// to a stream consumer. For every command Handle runs one transaction of the
// service's own store that
//
//   - records the message id in the inbox (a duplicate delivery changes
//     nothing and sends nothing),
//   - locks the barrier row of (saga id, step),
//   - decides with the barrier: an action that arrives after its
//     compensation is refused; an action repeated under a new message id
//     gets its first answer again; a compensation undoes the action only if
//     it succeeded, and always marks the step compensated,
//   - runs the service's function inside the same transaction, and
//   - writes the reply to the command's reply_to stream through the outbox.
//
// A business failure is an Outcome (Fail) and is answered with the failure
// reply; an error returned by a function rolls the whole transaction back,
// inbox row included, so the transport redelivers the command. Errors that
// saga.IsPermanent recognises (an undecodable envelope, an unknown command,
// malformed data) send the entry to the dead-letter stream.
//
// The SDK is generic over the service's transaction type T, which must offer
// the outbox, inbox and barrier (Tx) next to the service's own operations,
// so a handler gets the service's typed transaction without assertions.
package sdk
