// Package memory is an in-process transport: a Publisher, Subscriber and
// DeadLetters kept in maps behind one mutex, with consumer groups, pending
// messages, redelivery of failed ones and dead letters, as package
// transport specifies. It passes the same conformance suite as the Redis
// Streams transport, so code built on the transport interfaces can be unit
// tested against it without a broker.
//
// Nothing is persisted: the messages live as long as the Transport. A
// message whose handler fails, or that a stopping subscription leaves
// unsettled, is delivered again after Config.RetryDelay.
package memory
