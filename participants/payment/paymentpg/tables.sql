-- The payment service's tables in its schema, next to the engine's
-- participant tables (saga/pg/migrate). Idempotent; names are unqualified:
-- apply with migrate.Apply or on a connection whose search_path is the
-- schema.

CREATE TABLE IF NOT EXISTS accounts (
  customer_id   text        PRIMARY KEY CHECK (customer_id <> ''),
  balance_cents bigint      NOT NULL CHECK (balance_cents >= 0),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS payments (
  saga_id      uuid        PRIMARY KEY,
  customer_id  text        NOT NULL,
  amount_cents bigint      NOT NULL CHECK (amount_cents >= 0),
  refunded     boolean     NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
