// Package paymentsqlite is the embedded SQLite driver of the payment
// service: it implements payment.Store over one database file of
// saga/sqlite (its transactions and ping come from sdksqlite), and
// payment.Tx over one transaction, with the outbox, inbox and barrier of
// saga/sqlite. Open opens the file and creates the accounts and payments
// tables.
//
// Every write transaction is BEGIN IMMEDIATE and so holds the database's
// write lock from its start: where the PostgreSQL driver locks the account
// row with SELECT ... FOR UPDATE, a charge reads it with a plain SELECT,
// and concurrent charges take turns, so they never overdraw. A charge then
// records the payment keyed by saga id, so one saga is never charged twice;
// a refund credits the account and flips the payment's refunded flag in
// the same transaction, so it happens once. SQLite has no data-modifying
// CTEs, so the refund takes two statements where PostgreSQL takes one.
package paymentsqlite
