package inventory

import (
	"context"

	"github.com/streamsaga/streamsaga/participants/resource"
	"github.com/streamsaga/streamsaga/participants/sdk"
)

// ErrInvalid is wrapped by stores when a value breaks a rule of the model,
// such as a negative quantity; the HTTP API answers it 422.
var ErrInvalid = resource.ErrInvalid

// Stock is the stock of one SKU. Available units can be reserved; reserved
// units are held by reservations that were not released.
type Stock struct {
	SKU       string `json:"sku"`
	Available int64  `json:"available"`
	Reserved  int64  `json:"reserved"`
}

// Item is one line of a reservation.
type Item struct {
	SKU      string `json:"sku"`
	Quantity int64  `json:"quantity"`
}

// Store is the inventory's storage.
type Store interface {
	sdk.Store[Tx]
	// SetStock sets the available units of sku, creating it if needed and
	// keeping its reserved units. A negative value wraps ErrInvalid.
	SetStock(ctx context.Context, sku string, available int64) (Stock, error)
	// GetStock returns the stock of sku or saga.ErrNotFound.
	GetStock(ctx context.Context, sku string) (Stock, error)
	// Ping checks that the storage answers.
	Ping(ctx context.Context) error
}

// Tx is a transaction of the inventory's storage: the SDK's messaging plus
// the inventory's own operations.
type Tx interface {
	sdk.Tx
	// Reserve moves the items' quantities from available to reserved for
	// sagaID, all or nothing. Duplicate SKUs are added up. It returns a
	// failure reason, and changes nothing, when a SKU is unknown, short of
	// stock or has a quantity that is not positive. Reserving again for a
	// saga that holds a reservation changes nothing and succeeds; for a saga
	// whose reservation was released it fails.
	Reserve(ctx context.Context, sagaID string, items []Item) (failure string, err error)
	// ReserveMany reserves for several sagas at once and returns a failure
	// per request, in order: what Reserve would return for each if they
	// ran one after the other in that order, with the same effect.
	ReserveMany(ctx context.Context, reqs []Reservation) (failures []string, err error)
	// Release returns the units of sagaID's unreleased reservations to
	// available and marks them released. Releasing again, or releasing a
	// saga with no reservation, changes nothing.
	Release(ctx context.Context, sagaID string) error
}
