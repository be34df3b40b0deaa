package paymentsqlite

// DDL creates the payment service's tables, idempotently: schema.sql's
// accounts and payments with the same constraints (no negative balance or
// amount, one payment per saga). STRICT keeps column types as PostgreSQL
// does; times are microseconds since the Unix epoch and booleans 0 or 1.
const DDL = `
CREATE TABLE IF NOT EXISTS accounts (
  customer_id   TEXT    NOT NULL PRIMARY KEY CHECK (customer_id <> ''),
  balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0),
  updated_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS payments (
  saga_id      TEXT    NOT NULL PRIMARY KEY,
  customer_id  TEXT    NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  refunded     INTEGER NOT NULL DEFAULT 0 CHECK (refunded IN (0, 1)),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`
