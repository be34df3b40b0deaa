-- The order app's tables in the orchestrator's schema, next to the
-- engine's (saga/pg/migrate). Idempotent; names are unqualified: apply with
-- migrate.Apply or on a connection whose search_path is the schema.

CREATE TABLE IF NOT EXISTS orders (
  id              uuid        PRIMARY KEY,
  customer_id     text        NOT NULL CHECK (customer_id <> ''),
  items           jsonb       NOT NULL,
  total_cents     bigint      NOT NULL CHECK (total_cents >= 0),
  status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
  saga_id         uuid        NOT NULL UNIQUE,
  reason          text        NOT NULL DEFAULT '',
  idempotency_key text        UNIQUE,
  request_hash    text        NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- resends: how often the sweeper wrote the order's OrderCreated again; past
-- its bound the order is REJECTED.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS resends integer NOT NULL DEFAULT 0;
-- Orders whose saga never started are found by the sweeper.
CREATE INDEX IF NOT EXISTS orders_pending ON orders (updated_at) WHERE status = 'PENDING';
