package loadgen

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func rejectedIn(p plan, from, to int64) int {
	n := 0
	for i := from; i < to; i++ {
		if p.rejected(i) {
			n++
		}
	}
	return n
}

func TestRejectedOrdersAreSpreadEvenly(t *testing.T) {
	require.Equal(t, 100, rejectedIn(plan{rejectRatio: 0.1}, 0, 1000))
	require.Equal(t, 0, rejectedIn(plan{}, 0, 1000))
	require.Equal(t, 1000, rejectedIn(plan{rejectRatio: 1}, 0, 1000))
	quarter := plan{rejectRatio: 0.25}
	for i := int64(0); i < 400; i += 4 {
		require.Equal(t, 1, rejectedIn(quarter, i, i+4), "orders %d..%d", i, i+3)
	}
	require.Equal(t, 333, rejectedIn(plan{rejectRatio: 1.0 / 3}, 0, 1000))
}

func TestOrdersUseTheRunsNames(t *testing.T) {
	p := plan{runID: "lg-ab", skus: 3, customers: 2, rejectRatio: 0.5}
	o0, o1, o4 := p.order(0), p.order(1), p.order(4)
	require.Equal(t, "lg-ab-c-000", o0.CustomerID)
	require.Equal(t, "lg-ab-nobody", o1.CustomerID, "every second order is rejected")
	require.Equal(t, "lg-ab-sku-001", o4.Items[0].SKU)
	require.Equal(t, int64(1), o4.Items[0].Quantity)
	require.True(t, p.owns(o0.CustomerID))
	require.True(t, p.owns(p.nobody()))
	require.False(t, p.owns("lg-abc-c-000"), "another run's names")
	require.NotEqual(t, newRunID(), newRunID())
}
