// Package transport is the seam between the saga engine and the message
// broker it runs on: a Publisher that sends messages to logical streams, a
// Subscriber whose Subscriptions read a stream as a member of a consumer
// group and hand batches to a BatchHandler, and DeadLetters, the operator's
// view of the messages a group gave up on.
//
// The package names no broker. Its implementations live below it:
// redisstream (Redis Streams, the production transport) and memory (an
// in-process transport for fast unit tests). Both pass the one conformance
// suite in transporttest.
//
// # Delivery
//
// Delivery is at least once. A BatchHandler returns one outcome per message:
//
//   - nil: the message's effect is committed; it is acknowledged and never
//     delivered to the group again.
//   - an error saga.IsPermanent recognises: the message is moved to the
//     stream's dead letters at once, with the error as the reason.
//   - an error saga.IsUnavailable recognises: a back end is down; the
//     message is handed over again later without counting a delivery.
//   - any other error: the message is delivered again later, with
//     Deliveries one higher. After MaxDeliveries deliveries it is moved to
//     the dead letters instead.
//
// A message is also delivered again when its subscription stops, or its
// process dies, before the handler returned. Handlers deduplicate by the
// message id the envelope carries. Messages published with the same
// partition key are first delivered in the order they were published.
//
// # Messages
//
// An Outgoing message becomes a Message whose Fields are the wire format
// every participant reads: message_id, type, saga_id (the partition key) and
// envelope (the JSON envelope). Message ids and dead-letter ids are opaque
// strings chosen by the transport.
package transport
