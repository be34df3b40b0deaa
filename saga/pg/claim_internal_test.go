package pg

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

func TestWithoutBlocked(t *testing.T) {
	batch := []outbox.Message{
		{ID: 3, PartitionKey: "a"}, {ID: 4, PartitionKey: "b"}, {ID: 6, PartitionKey: "a"},
		{ID: 7, PartitionKey: "c"}, {ID: 9, PartitionKey: "a"}, {ID: 10, PartitionKey: "b"},
	}
	// a's row 5 and b's row 2 are outside the batch.
	got := withoutBlocked(batch, map[string]int64{"a": 5, "b": 2})
	require.Equal(t, []outbox.Message{{ID: 3, PartitionKey: "a"}, {ID: 7, PartitionKey: "c"}}, got)
	require.Equal(t, batch, withoutBlocked(batch, nil))
}

func TestPartitionKeys(t *testing.T) {
	msgs := []outbox.Message{{PartitionKey: "a"}, {PartitionKey: "b"}, {PartitionKey: "a"}}
	require.Equal(t, []string{"a", "b"}, partitionKeys(msgs))
	require.Equal(t, []int64{0, 0, 0}, rowIDs(msgs))
}
