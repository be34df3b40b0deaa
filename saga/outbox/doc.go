// Package outbox holds the transactional outbox: the message rows every
// service writes in the same transaction as the state change that caused
// them, the Courier that publishes them from the writing process right
// after the commit, and the Relay that publishes whatever a courier did
// not (its process died first, or the transport was down for the whole
// lease).
//
// The store side is small interfaces: Writer (used inside a service's
// transaction), Source (used by the relay), Remover (used by the courier)
// and Dispatcher (what a driver hands committed messages to); the Postgres
// driver in saga/pg implements them and its DB hands the messages of its
// transactions to the courier it was given. Publisher is the transport side, implemented by
// saga/stream.
//
// A transaction that commits under a context holding a Carrier (a stream
// consumer's handler) has the courier hand its messages to that carrier
// (Courier.DispatchContext), which publishes them with a round trip it
// makes anyway; the courier still counts them and deletes their rows, and
// publishes itself whatever the carrier could not send.
package outbox
