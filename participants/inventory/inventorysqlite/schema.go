package inventorysqlite

// DDL creates the inventory's tables, idempotently: schema.sql's stock and
// reservations with the same constraints (no negative stock, positive
// reservation lines, one line per saga and SKU). STRICT keeps column types
// as PostgreSQL does; times are microseconds since the Unix epoch and
// booleans 0 or 1.
const DDL = `
CREATE TABLE IF NOT EXISTS stock (
  sku        TEXT    NOT NULL PRIMARY KEY CHECK (sku <> ''),
  available  INTEGER NOT NULL CHECK (available >= 0),
  reserved   INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reservations (
  saga_id    TEXT    NOT NULL,
  sku        TEXT    NOT NULL,
  quantity   INTEGER NOT NULL CHECK (quantity > 0),
  released   INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1)),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (saga_id, sku)
) STRICT, WITHOUT ROWID;
`
