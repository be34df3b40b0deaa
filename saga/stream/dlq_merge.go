package stream

import (
	"strconv"
	"strings"
	"time"
)

// mergeNewest merges lists of dead letters, each newest first, into the
// limit newest of them all. Entries are compared by their entry id's time
// and sequence (on a cluster each shard's node numbers its own entries);
// a tie goes to the lower shard.
func mergeNewest(lists [][]DeadLetter, limit int) []DeadLetter {
	out := []DeadLetter{}
	if len(lists) == 1 {
		return append(out, lists[0][:min(limit, len(lists[0]))]...)
	}
	for len(out) < limit {
		best := -1
		for i, l := range lists {
			if len(l) > 0 && (best < 0 || newerEntry(l[0].ID, lists[best][0].ID)) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out = append(out, lists[best][0])
		lists[best] = lists[best][1:]
	}
	return out
}

// newerEntry reports whether the entry id a, which may name a shard, is
// later than b.
func newerEntry(a, b string) bool {
	am, as := entryTime(a)
	bm, bs := entryTime(b)
	return am > bm || (am == bm && as > bs)
}

// AddedAt is when Redis added the entry of id: the milliseconds of its
// "<ms>-<seq>" (after any "<shard>:"); zero for an id that does not parse.
func AddedAt(id string) time.Time {
	ms, _ := entryTime(id)
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(int64(ms))
}

// entryTime reads "<ms>-<seq>", after any "<shard>:", as two numbers; one
// that does not parse reads as 0-0.
func entryTime(id string) (ms, seq uint64) {
	if _, rest, ok := strings.Cut(id, ":"); ok {
		id = rest
	}
	m, s, _ := strings.Cut(id, "-")
	ms, _ = strconv.ParseUint(m, 10, 64)
	seq, _ = strconv.ParseUint(s, 10, 64)
	return ms, seq
}
