// Package orders is the order side of the orchestrator: placing an order
// (the order row, its OrderCreated event and the start of its saga in one
// transaction, with idempotency keys), starting the order saga when an
// OrderCreated arrives whose saga does not exist (an order placed by an
// older version, or sent again by the sweeper), and recording the outcome
// (APPROVED/REJECTED plus OrderApproved/OrderRejected) when the saga ends.
package orders
