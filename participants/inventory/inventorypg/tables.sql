-- The inventory's tables in its schema, next to the engine's participant
-- tables (saga/pg/migrate). Idempotent; names are unqualified: apply with
-- migrate.Apply or on a connection whose search_path is the schema.

CREATE TABLE IF NOT EXISTS stock (
  sku        text        PRIMARY KEY CHECK (sku <> ''),
  available  bigint      NOT NULL CHECK (available >= 0),
  reserved   bigint      NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS reservations (
  saga_id    uuid        NOT NULL,
  sku        text        NOT NULL,
  quantity   bigint      NOT NULL CHECK (quantity > 0),
  released   boolean     NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (saga_id, sku)
);
