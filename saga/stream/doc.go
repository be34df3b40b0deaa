// Package stream is the Redis Streams transport: a Publisher that XADDs
// outbox messages in one pipeline, and a consumer-group Consumer that reads
// with a short Block, acknowledges only after the handler's transaction
// committed, takes over entries idle too long with XAUTOCLAIM, recreates its
// group after NOGROUP, and moves poison entries to "<stream key>.dlq".
//
// Stream keys and group names are built in one place, Keys, so an
// installation prefix (STREAM_PREFIX) and Redis Cluster hash tags apply
// everywhere at once.
//
// # Single Redis and Redis Cluster
//
// Dial asks the server what it is. On a single Redis every logical stream
// is one key, "<prefix><stream>". On a Redis Cluster (KeysFor) every
// logical stream is spread over Keys.Shards keys (STREAM_SHARDS, default
// 16): shard i is "<prefix>{<tag i>}<stream>", its dead letters
// "<prefix>{<tag i>}<stream>.dlq". A message travels on shard
// FNV-1a-32(saga id) mod shards (by its message id when it has no saga
// id), so one saga's messages stay on one key, in order.
//
// The hash tag of shard i, "<i>:<n>" (ShardTag), is chosen so that the key
// lands in the middle slot of the i-th of Shards equal ranges of the 16384
// slots (ShardSlot): n is the smallest number that makes CRC16 of the tag
// hit that slot. Masters owning equal contiguous ranges of slots, as
// redis-cli --cluster create assigns them, so hold ⌊shards/masters⌋ or
// ⌈shards/masters⌉ shards each (three masters: 5, 6 and 5 of 16). The tag
// depends on the shard alone, not on the stream, so a shard, its dead
// letters and the same shard of every other stream share a slot, which
// the dead-letter MULTI and the replay script need. The tags of the
// default 16 shards are 0:26859, 1:11621, 2:15810, 3:8750, 4:40043,
// 5:19371, 6:3892, 7:3729, 8:5332, 9:62934, 10:2803, 11:13004, 12:2757,
// 13:8609, 14:10278, 15:3924.
//
// RecordShards keeps the installation's shard count in
// "<prefix>streamsaga.shards" and refuses a process that spreads the
// streams otherwise, which would put a saga's messages on two shards.
//
// Every command names one shard key (or a shard key and its dead letters,
// which share a slot): nothing crosses slots. Consumer groups, claims,
// NOGROUP recovery and dead letters are all per shard key; an entry id
// that must name its shard reads "<shard>:<entry id>" (Keys.EntryID).
//
// # Delivery
//
// Delivery is at least once. A Consumer calls its Handler for one entry at
// a time, or, built by NewBatchConsumer, its BatchHandler for all entries of
// one read (up to Count) at a time, so that one transaction can cover them;
// it then acknowledges the batch's handled entries with one XACK. On
// sharded keys it does so for each shard on its own, shards side by side.
// Several consumers of a group, in one process or many, share a stream
// and each of its shards. An entry is handled again when its handler fails,
// when its consumer dies before acknowledging it, or when handling it takes
// longer than MinIdle; handlers deduplicate by message id.
//
// A batch consumer on a single Redis acknowledges with its next read:
// the XACK travels in the pipeline of the next XREADGROUP. With
// ConsumerConfig.Carry its handlers' contexts also hold an
// outbox.Carrier, so the messages their transactions commit go out in
// that pipeline too (XADD, XACK, XREADGROUP: one round trip per hop);
// messages Redis does not take go back to the outbox courier. Handlers the
// claim loop calls, and those of a consumer on a cluster, do not carry.
//
// ConsumerConfig.Linger spaces a consumer's reads while they bring some
// entries but fewer than Count: the next read starts that long after the
// last one started and brings what arrived meanwhile, so that a light load
// is handled in batches of several messages. What a batch left for the
// next read goes out at once, before the wait.
//
// Every Consumer holds one pooled connection for the whole of each
// blocking read, one per shard key: size the client's pool (see Connect,
// and Pool for a cluster's nodes) above the number of blocking reads.
//
// Dead letters keep the original fields plus dlq_* fields saying where they
// came from and why. ListDLQ, ListShardDLQ, GetDLQ and ReplayDLQ are the
// operator's tools; a replayed entry goes back to the shard it came from.
package stream
