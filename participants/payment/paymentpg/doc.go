// Package paymentpg is the PostgreSQL driver of the payment service: it
// implements payment.Store over a pgx pool whose search_path is the payment
// schema (its transactions and ping come from sdkpg), and payment.Tx over
// one transaction, with the outbox, inbox and barrier of saga/pg.
//
// A charge locks the account row, then records the payment keyed by saga id,
// so one saga is never charged twice; a refund flips the payment's refunded
// flag and credits the account in the same transaction, so it happens once.
package paymentpg
