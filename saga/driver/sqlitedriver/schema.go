package sqlitedriver

// DDL creates the engine's tables: the SQLite form of the engine's part of
// the orchestrator's tables in schema.sql (an application creates its own
// in the same file). Ids are UUID text in canonical form, JSON columns are
// text checked with json_valid, and times are INTEGER microseconds since
// the Unix epoch, so ordering and cursor comparisons are exact. The tables
// are STRICT: a value of the wrong type is an error, never silently stored
// as another type.
const DDL = `
CREATE TABLE IF NOT EXISTS sagas (
  id             TEXT    NOT NULL PRIMARY KEY,
  type           TEXT    NOT NULL CHECK (type <> ''),
  state          TEXT    NOT NULL CHECK (state IN ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'FAILED')),
  data           TEXT    NOT NULL CHECK (json_valid(data)),
  steps          TEXT    NOT NULL CHECK (json_valid(steps)),
  version        INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
  correlation_id TEXT    NOT NULL DEFAULT '',
  trace_parent   TEXT    NOT NULL DEFAULT '',
  failure        TEXT    NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  completed_at   INTEGER,
  -- next_deadline: when a step in flight next needs attention; null once
  -- the saga is finished.
  next_deadline  INTEGER,
  ` + IgnoredRepliesColumn + `,
  -- definition_version: the version of its type's definition the saga
  -- runs on. parked: why the saga was set aside; '' when it is not.
  definition_version INTEGER NOT NULL DEFAULT 1,
  parked         TEXT    NOT NULL DEFAULT '',
  -- idempotency_key: the Idempotency-Key of the request that started the
  -- saga (null without one; unique among the others, see upgrade);
  -- request_hash: the hash of that request.
  ` + sagaKeyColumn + `,
  ` + sagaRequestHashColumn + `,
  CHECK ((completed_at IS NOT NULL) = (state IN ('COMPLETED', 'COMPENSATED', 'FAILED')))
) STRICT;
CREATE INDEX IF NOT EXISTS sagas_due ON sagas (next_deadline) WHERE next_deadline IS NOT NULL;
CREATE INDEX IF NOT EXISTS sagas_newest ON sagas (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS sagas_state_newest ON sagas (state, created_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS saga_history (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  saga_id      TEXT    NOT NULL,
  at           INTEGER NOT NULL,
  kind         TEXT    NOT NULL,
  step         TEXT    NOT NULL DEFAULT '',
  message_type TEXT    NOT NULL DEFAULT '',
  message_id   TEXT    NOT NULL DEFAULT '',
  detail       TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX IF NOT EXISTS saga_history_saga ON saga_history (saga_id, id);

CREATE TABLE IF NOT EXISTS saga_definitions (
  type          TEXT    NOT NULL CHECK (type <> ''),
  version       INTEGER NOT NULL CHECK (version > 0),
  canonical     TEXT    NOT NULL,
  digest        TEXT    NOT NULL,
  registered_at INTEGER NOT NULL,
  PRIMARY KEY (type, version)
) STRICT;
`
