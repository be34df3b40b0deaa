package sqlite

// MessagingDDL creates the outbox, inbox and barrier tables. Times are
// microseconds since the Unix epoch; ids are text. An outbox row's
// claimed_until is the end of the lease of the relay publishing it.
const MessagingDDL = `
CREATE TABLE IF NOT EXISTS outbox (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id    TEXT    NOT NULL,
  stream        TEXT    NOT NULL CHECK (stream <> ''),
  partition_key TEXT    NOT NULL,
  message_type  TEXT    NOT NULL CHECK (message_type <> ''),
  payload       TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  claimed_until INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_partition ON outbox (partition_key, id);
CREATE TABLE IF NOT EXISTS inbox (
  consumer     TEXT    NOT NULL,
  message_id   TEXT    NOT NULL,
  processed_at INTEGER NOT NULL,
  PRIMARY KEY (consumer, message_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS inbox_processed_at ON inbox (processed_at);
CREATE TABLE IF NOT EXISTS barrier (
  saga_id     TEXT    NOT NULL,
  step        TEXT    NOT NULL,
  action      TEXT    NOT NULL DEFAULT 'NONE' CHECK (action IN ('NONE', 'SUCCEEDED', 'FAILED')),
  compensated INTEGER NOT NULL DEFAULT 0,
  reply_type  TEXT    NOT NULL DEFAULT '',
  reply_data  TEXT    NOT NULL DEFAULT '',
  reply_error TEXT    NOT NULL DEFAULT '',
  updated_at  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (saga_id, step)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS barrier_updated_at ON barrier (updated_at);
`
