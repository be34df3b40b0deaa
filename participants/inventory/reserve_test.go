package inventory

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

func TestAggregateAddsUpAndSorts(t *testing.T) {
	got, failure := Aggregate([]Item{{"B", 1}, {"A", 2}, {"B", 3}})
	require.Empty(t, failure)
	require.Equal(t, []Item{{"A", 2}, {"B", 4}}, got)
}

func TestAggregateRejects(t *testing.T) {
	_, failure := Aggregate(nil)
	require.Equal(t, "no items to reserve", failure)
	_, failure = Aggregate([]Item{{"A", 1}, {"B", 0}})
	require.Equal(t, "invalid quantity 0 for SKU B", failure)
}

func TestShortageReportsFirstProblemInSKUOrder(t *testing.T) {
	want := []Item{{"A", 2}, {"B", 5}, {"C", 1}}
	require.Equal(t, "insufficient stock for SKU B: requested 5, available 4", Shortage(want, map[string]int64{"A": 2, "B": 4}))
	require.Equal(t, "unknown SKU C", Shortage(want, map[string]int64{"A": 2, "B": 5}))
	require.Empty(t, Shortage(want, map[string]int64{"A": 2, "B": 5, "C": 9}))
}

func TestDecodeReserveIgnoresExtraFields(t *testing.T) {
	c, err := decodeReserve(json.RawMessage(`{"order_id":"o1","customer_id":"c1",
		"items":[{"sku":"A","quantity":2,"unit_price_cents":1250}],"total_cents":2500}`))
	require.NoError(t, err)
	require.Equal(t, ReserveCommand{OrderID: "o1", Items: []Item{{"A", 2}}}, c)
}

func TestDecodeReserveRejectsMalformedData(t *testing.T) {
	for _, data := range []string{``, `[]`, `{"items":[{"sku":"A","quantity":1}]}`, `{"order_id":"o1"}`,
		`{"order_id":"o1","items":[{"sku":"","quantity":1}]}`, `{"order_id":"o1","items":[{"sku":"A","quantity":-1}]}`} {
		_, err := decodeReserve(json.RawMessage(data))
		require.True(t, saga.IsPermanent(err), data)
	}
}

func TestDecodeReleaseAcceptsEmptyData(t *testing.T) {
	_, err := decodeRelease(nil)
	require.NoError(t, err)
	_, err = decodeRelease(json.RawMessage(`"x"`))
	require.True(t, saga.IsPermanent(err))
}
