package metrics

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFindGroupReadsBothProtocols(t *testing.T) {
	resp3 := []any{
		map[any]any{"name": "other", "pending": int64(9), "last-delivered-id": "9-0", "lag": int64(9)},
		map[any]any{"name": "g", "pending": int64(2), "last-delivered-id": "5-1", "entries-read": nil, "lag": int64(4)},
	}
	resp2 := []any{[]any{"name", "g", "consumers", int64(1), "pending", int64(2), "last-delivered-id", "5-1", "lag", int64(4)}}
	for name, reply := range map[string]any{"resp3": resp3, "resp2": resp2} {
		info, found, err := findGroup(reply, "g")
		require.NoError(t, err, name)
		require.True(t, found, name)
		require.Equal(t, int64(2), info.pending, name)
		require.Equal(t, "5-1", info.lastDelivered, name)
		require.True(t, info.lagReported, name)
		require.Equal(t, int64(4), *info.lag, name)
	}
	_, found, err := findGroup(resp3, "missing")
	require.NoError(t, err)
	require.False(t, found)
	_, _, err = findGroup("OK", "g")
	require.Error(t, err)
}

func TestFindGroupWithoutOrWithNullLag(t *testing.T) {
	redis6 := []any{[]any{"name", "g", "pending", int64(1), "last-delivered-id", "1-0"}}
	info, _, err := findGroup(redis6, "g")
	require.NoError(t, err)
	require.False(t, info.lagReported)

	unknown := []any{map[any]any{"name": "g", "pending": int64(0), "last-delivered-id": "1-0", "lag": nil}}
	info, _, err = findGroup(unknown, "g")
	require.NoError(t, err)
	require.True(t, info.lagReported)
	require.Nil(t, info.lag)
}

func TestLagOf(t *testing.T) {
	four := int64(4)
	for _, c := range []struct {
		name      string
		info      groupInfo
		lastEntry string
		want      int64
		ok        bool
	}{
		{"not reported (Redis 6)", groupInfo{lastDelivered: "1-0"}, "9-0", 0, false},
		{"not reported, even when caught up", groupInfo{lastDelivered: "9-0"}, "9-0", 0, false},
		{"server's figure", groupInfo{lastDelivered: "1-0", lagReported: true, lag: &four}, "9-0", 4, true},
		{"caught up overrides", groupInfo{lastDelivered: "9-0", lagReported: true, lag: &four}, "9-0", 0, true},
		{"empty stream", groupInfo{lastDelivered: "0-0", lagReported: true, lag: &four}, "", 0, true},
		{"server cannot tell", groupInfo{lastDelivered: "1-0", lagReported: true}, "9-0", 0, false},
	} {
		got, ok := lagOf(c.info, c.lastEntry)
		require.Equal(t, c.ok, ok, c.name)
		require.Equal(t, c.want, got, c.name)
	}
}

func TestIDAfter(t *testing.T) {
	require.True(t, idAfter("2-0", "1-9"))
	require.True(t, idAfter("1-10", "1-9"), "sequences compare as numbers")
	require.False(t, idAfter("1-9", "1-9"))
	require.False(t, idAfter("1-0", "10-0"), "milliseconds compare as numbers")
	require.True(t, idAfter("1-0", "garbage"), "an unparsable id is 0-0")
}
