package stream

import (
	"strconv"
	"sync"
)

// MaxShards is the most shards a stream can be spread over: far more
// than a cluster has masters, and few enough that the tags are found at
// once.
const MaxShards = 256

// ShardSlot is the hash slot shard i of shards lives in: the middle slot
// of the i-th of shards equal ranges of the slot space. A cluster whose
// masters own equal contiguous ranges of slots (as redis-cli --cluster
// create assigns them) so holds ⌊shards/masters⌋ or ⌈shards/masters⌉
// shards on each master.
func ShardSlot(i, shards int) int {
	return (2*i + 1) * SlotCount / (2 * shards)
}

// ShardTag is the hash tag of shard i of shards: "<i>:<n>" with the
// smallest n ≥ 0 whose tag hashes to ShardSlot(i, shards). The tag names
// the shard for a reader of the key, and its slot spreads the shards
// evenly over the slot space. Every stream's shard i has the same tag, so
// a stream's shard and its dead letters, and the same shard of two
// streams, share one slot.
func ShardTag(i, shards int) string {
	return shardTags(shards)[i]
}

// tagCache holds the tags of each shard count asked for, computed once.
var tagCache sync.Map // int -> []string

func shardTags(shards int) []string {
	if tags, ok := tagCache.Load(shards); ok {
		return tags.([]string)
	}
	tags := make([]string, shards)
	for i := range tags {
		tags[i] = findTag(i, ShardSlot(i, shards))
	}
	actual, _ := tagCache.LoadOrStore(shards, tags)
	return actual.([]string)
}

// findTag is the first "<i>:<n>" that hashes to slot. CRC16 spreads such
// short strings evenly, so n stays around SlotCount on average.
func findTag(i, slot int) string {
	prefix := strconv.Itoa(i) + ":"
	for n := 0; ; n++ {
		tag := prefix + strconv.Itoa(n)
		if int(crc16(tag)%SlotCount) == slot {
			return tag
		}
	}
}
