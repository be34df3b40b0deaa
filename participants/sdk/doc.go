// Package sdk is the participant SDK: it turns a command read from a stream
// into exactly one effect and one answer, whatever the transport repeats or
// reorders.
//
// A participant registers one ActionFunc per action command and one
// CompensationFunc per compensation command (OnAction, OnCompensation, or
// both at once with OnStep), then hands Participant.Handle to a stream
// consumer. For every command Handle runs one transaction of the service's
// own store that
//
//   - records the message id in the inbox,
//   - locks the barrier row of (saga id, step),
//   - decides with the barrier: an action that arrives after its
//     compensation is refused; an action repeated under a new message id
//     gets its first answer again; a compensation undoes the action only if
//     it succeeded, and always marks the step compensated,
//   - runs the service's function inside the same transaction, and
//   - writes the reply to the command's reply_to stream through the outbox.
//
// A command whose reply_to is not one of the installation's reply streams
// (Config.ReplyStreams, by default the orchestrator's) never reaches the
// store: Handle returns a permanent error wrapping ErrUnknownReplyStream,
// and the consumer dead-letters the entry with that reason.
//
// # Batches
//
// Participant.HandleBatch, a transport.BatchHandler, does the same for the
// entries of one read in a single transaction, command after command in
// stream order, so a read costs one commit. Commands of one saga step in a
// batch behave as if handled one after the other: the transaction locks
// their barrier row again. If anything in the batch fails, its transaction
// is rolled back and each command is handled on its own by Handle; if the
// database cannot be reached, every command of the batch reports that and
// the transport holds them all.
//
// A step may also give DoMany, a BatchActionFunc: when a read holds only
// that action's commands, each for another saga step, the commands that
// need the action run (first deliveries whose step neither ran nor was
// compensated) go to one DoMany call instead of one Do call each, so a
// service can answer a whole read with a few set-based statements. DoMany
// must answer as Do would, one command after the other; the inventory's
// ReserveMany and the payment service's ChargeMany do, with the lock and
// read of every row they need in one round trip and one write.
//
// # First deliveries
//
// Most commands come once, to a step nothing has happened to. When every
// command of a read is an action for a step this participant has not seen
// lately (it remembers the last 4,096), and the transaction can check on
// the store (pg.Messaging and sqlite.Messaging can), the inbox rows and
// the barrier records are written on the condition that none was there
// instead of being read: on PostgreSQL they travel with the service's
// first statement, one round trip less per read. If one was there (a
// duplicate delivered to another process of the service, a step
// compensated before its action came), that statement or the commit fails
// with saga.ErrConflict, the transaction rolls back, and it runs again the
// way described above. So a service's function may run in a transaction
// that is then rolled back, as after any failure of its commit, and it
// must return the store's errors wrapped (%w) so the conflict shows. After
// a window of 64 such tries of which more than a quarter failed, the
// participant tries none for a minute.
//
// # Duplicates
//
// A command whose message id is already in the inbox runs nothing and
// changes no state, but its reply is written again, in one transaction,
// from what the barrier holds for the step: the stored answer of an action
// that ran, the refusal of an action that came after its compensation, the
// done reply of a compensation. The reply id derives from the command's
// (saga.DerivedID(cmd.MessageID, "reply")), so a receiver that has the
// reply drops it, and one whose copy was lost (say, Redis restarted
// without its data and the orchestrator resent the command under the same
// id) gets it. When the barrier holds nothing for the step, the first
// delivery was answered with a retryable reply (below), and so is the
// duplicate, with ReplayedRetryReason.
//
// # Errors
//
// A business failure is an Outcome (Fail) and is answered with the action's
// failure reply; it is final and stored in the barrier.
//
// An error returned by an action or compensation function is not final.
// The function's transaction is rolled back; a second transaction records
// the message in the inbox and writes a retryable reply, leaving the
// barrier untouched: the action's failure reply, or the compensation's done
// reply, with error {"message": <the function's error>, "retryable": true}.
// IsRetryableReply recognises it. A receiver treats it as "send the command
// again later": never as a business failure, never as a completed
// compensation. The next attempt comes under a new message id and runs the
// function again. If the second transaction fails too (PostgreSQL is down),
// Handle returns an error and the transport redelivers the entry, which
// then runs the function again; so does a stop of the process (ctx done).
//
// Errors that saga.IsPermanent recognises (an undecodable envelope, an
// unknown command, malformed data) send the entry to the dead-letter stream.
//
// The SDK is generic over the service's transaction type T, which must offer
// the outbox, inbox and barrier (Tx) next to the service's own operations,
// so a handler gets the service's typed transaction without assertions.
package sdk
