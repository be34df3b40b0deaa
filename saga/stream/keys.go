package stream

import (
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// OrchestratorReply is the engine's reply stream: the logical stream the
// orchestrator reads every participant's replies from, and the reply_to of
// the commands it sends. The streams a saga type's commands go to come from
// its definition (saga.Step.Participant), not from this package.
const OrchestratorReply = "orchestrator.replies"

// Outbox is the logical stream whose dead-letter stream ("outbox.dlq",
// after the prefix) holds the outbox messages Redis refused for good, such
// as a reply bound for a key that is not a stream. Nothing is published to
// the stream itself.
const Outbox = "outbox"

// DLQSuffix is appended to a stream key to name its dead-letter stream.
const DLQSuffix = ".dlq"

// DefaultShards is how many keys a logical stream is spread over on a
// Redis Cluster unless STREAM_SHARDS says otherwise.
const DefaultShards = 16

// Keys builds every Redis key and group name of an installation.
//
// On a single Redis each logical stream is one key, "<prefix><stream>",
// and its dead letters "<prefix><stream>.dlq". Spread over Shards keys (on
// a Redis Cluster) shard i of a stream is "<prefix>{<tag i>}<stream>" and
// its dead letters "<prefix>{<tag i>}<stream>.dlq", where the hash tag
// (ShardTag) places the shards evenly over the cluster's slots; a message
// travels on the shard of its saga id (ShardOf).
type Keys struct {
	// Prefix is prepended to every stream key and group name. On sharded
	// keys it must not hold "{", which would change the hash tag.
	// Optional: default "" (STREAM_PREFIX).
	Prefix string
	// Shards is how many keys each logical stream is spread over, at most
	// MaxShards; each has a hash tag, so that a stream's shard and its dead
	// letters share a slot even with one shard. Zero keeps one key per
	// stream without a hash tag, named as on a single Redis.
	// Optional: default 0 (KeysFor sets STREAM_SHARDS on a cluster).
	Shards int
}

// KeysFor returns the keys of an installation on rdb: each logical stream
// spread over shards keys (DefaultShards when shards is zero or less) when
// rdb is a *redis.ClusterClient (as Dial opens for a cluster node), one key
// per stream otherwise. Pass a cluster client itself, not a value wrapping
// it, or the keys would not be sharded.
func KeysFor(rdb redis.UniversalClient, prefix string, shards int) Keys {
	if _, cluster := rdb.(*redis.ClusterClient); !cluster {
		return Keys{Prefix: prefix}
	}
	if shards <= 0 {
		shards = DefaultShards
	}
	return Keys{Prefix: prefix, Shards: shards}
}

// Validate reports keys that cannot be built: a shard count out of range,
// or a prefix that would change the hash tag of sharded keys.
func (k Keys) Validate() error {
	switch {
	case k.Shards < 0 || k.Shards > MaxShards:
		return fmt.Errorf("stream keys: %d shards is not between 0 and %d", k.Shards, MaxShards)
	case k.Sharded() && strings.Contains(k.Prefix, "{"):
		return fmt.Errorf("stream keys: the prefix %q must not contain \"{\" when streams are sharded", k.Prefix)
	}
	return nil
}

// Sharded reports whether stream keys are shard keys with hash tags.
func (k Keys) Sharded() bool { return k.Shards > 0 }

// ShardCount is how many keys each stream has: Shards, or 1.
func (k Keys) ShardCount() int { return max(k.Shards, 1) }

// Stream returns the Redis key of a logical stream on unsharded keys. On
// sharded keys use ShardStream.
func (k Keys) Stream(name string) string { return k.Prefix + name }

// Group returns the consumer group name for a logical group. A group has
// the same name on every shard.
func (k Keys) Group(name string) string { return k.Prefix + name }

// DLQ returns the Redis key of the dead-letter stream of a logical stream
// on unsharded keys. On sharded keys use ShardDLQ.
func (k Keys) DLQ(name string) string { return k.Stream(name) + DLQSuffix }

// ShardStream returns the Redis key of shard i of a logical stream; on
// unsharded keys, the stream's one key.
func (k Keys) ShardStream(name string, i int) string {
	if !k.Sharded() {
		return k.Stream(name)
	}
	return k.Prefix + "{" + ShardTag(i, k.Shards) + "}" + name
}

// ShardDLQ returns the Redis key of the dead letters of shard i of a
// logical stream. It has the shard's hash tag, so a shard and its dead
// letters share a slot.
func (k Keys) ShardDLQ(name string, i int) string { return k.ShardStream(name, i) + DLQSuffix }

// StreamKeys returns the keys of every shard of a logical stream, in shard
// order.
func (k Keys) StreamKeys(name string) []string {
	out := make([]string, k.ShardCount())
	for i := range out {
		out[i] = k.ShardStream(name, i)
	}
	return out
}

// ShardOf returns the shard a message with partition key key travels on:
// FNV-1a (32 bits) of the key modulo the shard count, so every message of a
// saga (its saga id is the key) takes one shard and keeps its order. A
// message without a partition key is placed by its message id.
func (k Keys) ShardOf(key string) int {
	if !k.Sharded() {
		return 0
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(key))
	return int(h.Sum32() % uint32(k.Shards))
}

// EntryID is the id a caller sees for entry id of shard i: the entry id
// itself on unsharded keys, "<i>:<id>" on sharded keys, since two shards
// may hold entries with the same id.
func (k Keys) EntryID(i int, id string) string {
	if !k.Sharded() {
		return id
	}
	return strconv.Itoa(i) + ":" + id
}

// errNoShard is wrapped when an id does not name a shard of the keys.
var errNoShard = errors.New("no such shard")

// SplitEntryID is the inverse of EntryID: the shard and the Redis entry id
// an id names. An id on sharded keys without a shard, or with one out of
// range, is an error; the entry id itself is not checked.
func (k Keys) SplitEntryID(id string) (int, string, error) {
	if !k.Sharded() {
		return 0, id, nil
	}
	s, entry, ok := strings.Cut(id, ":")
	i, err := strconv.Atoi(s)
	if !ok || err != nil || i < 0 || i >= k.Shards || s != strconv.Itoa(i) {
		return 0, "", fmt.Errorf("%q: %w (ids look like <shard>:<entry id>, shard 0 to %d)", id, errNoShard, k.Shards-1)
	}
	return i, entry, nil
}
