package inventory

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Failure reasons drivers share, so every store answers alike.
const (
	reasonNoItems         = "no items to reserve"
	reasonInvalidQuantity = "invalid quantity %d for SKU %s"
	reasonTooMany         = "quantity of SKU %s is too large"
	reasonUnknownSKU      = "unknown SKU %s"
	reasonShort           = "insufficient stock for SKU %s: requested %d, available %d"
)

// ReasonReleased is the failure of a Reserve for a saga whose reservation
// was already released.
const ReasonReleased = "the reservation of this saga was released"

// Aggregate adds up the quantities of duplicate SKUs and sorts the items by
// SKU, the order drivers lock rows in. It returns a failure reason for an
// empty list, a quantity that is not positive, or quantities of one SKU
// whose sum does not fit an int64. Drivers use it in Reserve.
func Aggregate(items []Item) ([]Item, string) {
	if len(items) == 0 {
		return nil, reasonNoItems
	}
	sum := map[string]int64{}
	for _, it := range items {
		if it.Quantity <= 0 {
			return nil, fmt.Sprintf(reasonInvalidQuantity, it.Quantity, it.SKU)
		}
		if sum[it.SKU] > math.MaxInt64-it.Quantity {
			return nil, fmt.Sprintf(reasonTooMany, it.SKU)
		}
		sum[it.SKU] += it.Quantity
	}
	out := make([]Item, 0, len(sum))
	for sku, q := range sum {
		out = append(out, Item{SKU: sku, Quantity: q})
	}
	slices.SortFunc(out, func(a, b Item) int { return strings.Compare(a.SKU, b.SKU) })
	return out, ""
}

// Shortage returns the failure reason of the first item (in SKU order) that
// is unknown or short, given the available units of the SKUs that exist, or
// "" when every item can be reserved. Drivers use it in Reserve.
func Shortage(want []Item, available map[string]int64) string {
	for _, it := range want {
		have, ok := available[it.SKU]
		switch {
		case !ok:
			return fmt.Sprintf(reasonUnknownSKU, it.SKU)
		case have < it.Quantity:
			return fmt.Sprintf(reasonShort, it.SKU, it.Quantity, have)
		}
	}
	return ""
}

// SKUs lists the SKUs of items, in their order.
func SKUs(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.SKU
	}
	return out
}
