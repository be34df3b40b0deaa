// Package orders is the order side of the orchestrator: placing an order
// (the order row and its OrderCreated event in one transaction, with
// idempotency keys), starting the order saga when OrderCreated arrives, and
// recording the outcome (APPROVED/REJECTED plus OrderApproved/OrderRejected)
// when the saga ends.
package orders
