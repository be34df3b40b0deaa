// Package redisstream is the Redis Streams transport: package transport's
// Publisher, Subscriber and DeadLetters over the stream package, which
// does the work (one XADD pipeline per batch, consumer groups read with a
// short Block, XAUTOCLAIM of idle entries, NOGROUP recovery, dead letters
// in "<stream>.dlq" and their replay). This package only translates types
// and errors at the edge.
//
// A message's ID is its Redis entry id, and a dead letter's ID its entry
// id in the dead-letter stream; callers treat both as opaque strings. A
// failed message is delivered again once it has been pending for MinIdle.
//
// Given a Redis Cluster client, the transport spreads every stream over
// Config.Shards shard keys (stream.KeysFor): a message goes to the shard of
// its partition key, a subscription reads every shard, and ids read
// "<shard>:<entry id>". Dead letters are kept per shard and replayed to
// their shard; List merges the shards' or lists one (ListOpts.Shard).
package redisstream
