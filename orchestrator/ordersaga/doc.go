// Package ordersaga defines the order saga: reserve inventory, then process
// the payment; on a failed payment the reservation is released. It is one
// saga definition among possible others: the engine knows nothing of orders.
package ordersaga
