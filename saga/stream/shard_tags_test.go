package stream

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// The tags of the default shard count, as the documentation lists them.
var defaultTags = []string{
	"0:26859", "1:11621", "2:15810", "3:8750", "4:40043", "5:19371", "6:3892", "7:3729",
	"8:5332", "9:62934", "10:2803", "11:13004", "12:2757", "13:8609", "14:10278", "15:3924",
}

func TestShardTagsHitTheMiddleOfTheirSlotRange(t *testing.T) {
	for _, shards := range []int{1, 2, 3, 16, 64} {
		width := SlotCount / shards
		for i := range shards {
			tag := ShardTag(i, shards)
			require.Regexp(t, fmt.Sprintf(`^%d:\d+$`, i), tag)
			require.Equal(t, ShardSlot(i, shards), Slot("{"+tag+"}"), "shards %d, shard %d", shards, i)
			require.InDelta(t, i*width+width/2, ShardSlot(i, shards), 1)
		}
	}
}

func TestDefaultShardTags(t *testing.T) {
	tags := make([]string, DefaultShards)
	for i := range tags {
		tags[i] = ShardTag(i, DefaultShards)
	}
	require.Equal(t, defaultTags, tags)
}

// Masters that split the slots into equal contiguous ranges, as redis-cli
// --cluster create does, each hold a fair share of the shards.
func TestShardsSpreadEvenlyOverMasters(t *testing.T) {
	for _, masters := range []int{1, 2, 3, 4, 5, 6, 16} {
		for _, shards := range []int{DefaultShards, 8, 32} {
			counts := make([]int, masters)
			for i := range shards {
				counts[ShardSlot(i, shards)*masters/SlotCount]++
			}
			for m, n := range counts {
				require.GreaterOrEqual(t, n, shards/masters, "%d shards on %d masters: master %d", shards, masters, m)
				require.LessOrEqual(t, n, (shards+masters-1)/masters, "%d shards on %d masters: master %d", shards, masters, m)
			}
		}
	}
}
