// Package stream is the Redis Streams transport: a Publisher that XADDs
// outbox messages in one pipeline, and a consumer-group Consumer that reads
// with a short Block, acknowledges only after the handler's transaction
// committed, takes over entries idle too long with XAUTOCLAIM, recreates its
// group after NOGROUP, and moves poison entries to "<stream>.dlq".
//
// Stream keys and group names are built in one place, Keys, so an
// installation prefix (STREAM_PREFIX) and later Redis Cluster hash tags
// apply everywhere at once.
package stream
