// Package stream is the Redis Streams transport: a Publisher that XADDs
// outbox messages in one pipeline, and a consumer-group Consumer that reads
// with a short Block, acknowledges only after the handler's transaction
// committed, takes over entries idle too long with XAUTOCLAIM, recreates its
// group after NOGROUP, and moves poison entries to "<stream>.dlq".
//
// Stream keys and group names are built in one place, Keys, so an
// installation prefix (STREAM_PREFIX) and later Redis Cluster hash tags
// apply everywhere at once.
//
// Delivery is at least once. A Consumer calls its Handler for one entry at
// a time, or, built by NewBatchConsumer, its BatchHandler for all entries of
// one read (up to Count) at a time, so that one transaction can cover them;
// it then acknowledges the batch's handled entries with one XACK. Several
// consumers of a group, in one process or many, share a stream. An entry is handled again when its handler fails, when its
// consumer dies before acknowledging it, or when handling it takes longer
// than MinIdle; handlers deduplicate by message id.
//
// Every Consumer's read loop holds one pooled connection for the whole of
// each blocking read: size the client's pool (see Connect) above the number
// of consumers sharing it.
//
// Dead letters keep the original fields plus dlq_* fields saying where they
// came from and why. ListDLQ and ReplayDLQ are the operator's tools.
package stream
