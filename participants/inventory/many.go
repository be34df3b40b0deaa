package inventory

import (
	"maps"
	"slices"
)

// Reservation is one saga's request to ReserveMany.
type Reservation struct {
	SagaID string
	Items  []Item
}

// Line is a reservation line ReserveMany writes: units of one SKU held for
// one saga.
type Line struct {
	SagaID   string
	SKU      string
	Quantity int64
}

// Plan decides ReserveMany in memory, so every driver answers alike: it
// gives each request the failure Reserve would give it if they ran one
// after the other in order, and returns the lines to write. released holds
// the sagas that had a reservation before, with whether it was released;
// available holds the available units of the SKUs that exist (it is
// updated as units are reserved).
func Plan(reqs []Reservation, released map[string]bool, available map[string]int64) ([]string, []Line) {
	failures := make([]string, len(reqs))
	var lines []Line
	held := map[string]bool{}
	for i, r := range reqs {
		want, failure := Aggregate(r.Items)
		switch rel, had := released[r.SagaID]; {
		case failure != "":
		case had && rel:
			failure = ReasonReleased
		case had || held[r.SagaID]:
			continue
		default:
			failure = Shortage(want, available)
		}
		if failures[i] = failure; failure != "" {
			continue
		}
		held[r.SagaID] = true
		for _, it := range want {
			available[it.SKU] -= it.Quantity
			lines = append(lines, Line{SagaID: r.SagaID, SKU: it.SKU, Quantity: it.Quantity})
		}
	}
	return failures, lines
}

// ReservationSagas lists the saga ids of reqs, in order.
func ReservationSagas(reqs []Reservation) []string {
	out := make([]string, len(reqs))
	for i, r := range reqs {
		out[i] = r.SagaID
	}
	return out
}

// ReservationSKUs lists the distinct SKUs of reqs' items in SKU order, the
// order drivers lock rows in.
func ReservationSKUs(reqs []Reservation) []string {
	skus := map[string]bool{}
	for _, r := range reqs {
		for _, it := range r.Items {
			skus[it.SKU] = true
		}
	}
	return slices.Sorted(maps.Keys(skus))
}
