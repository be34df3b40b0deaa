// Package outbox holds the transactional outbox: the message rows every
// service writes in the same transaction as the state change that caused
// them, and the Relay that publishes those rows to the streams.
//
// The store side is two small interfaces, Writer (used inside a service's
// transaction) and Source (used by the relay); the Postgres driver in
// saga/pg implements both. Publisher is the transport side, implemented by
// saga/stream.
package outbox
