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
package saga
