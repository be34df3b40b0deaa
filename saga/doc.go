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
