-- The orchestrator's engine tables: sagas, their history and the
-- definitions they run on. Columns added to schema.sql over time are added
-- here the same way, so that a database made by an older schema.sql is
-- brought up to date and the columns keep schema.sql's order.

CREATE TABLE IF NOT EXISTS sagas (
  id             uuid        PRIMARY KEY,
  type           text        NOT NULL CHECK (type <> ''),
  state          text        NOT NULL CHECK (state IN ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'FAILED')),
  data           jsonb       NOT NULL,
  steps          jsonb       NOT NULL,
  version        bigint      NOT NULL DEFAULT 1 CHECK (version > 0),
  correlation_id text        NOT NULL DEFAULT '',
  trace_parent   text        NOT NULL DEFAULT '',
  failure        text        NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  completed_at   timestamptz,
  CHECK ((completed_at IS NOT NULL) = (state IN ('COMPLETED', 'COMPENSATED', 'FAILED')))
);
-- next_deadline: when a step in flight next needs attention (a reply is
-- overdue or a retry is due); null once the saga is finished.
ALTER TABLE sagas ADD COLUMN IF NOT EXISTS next_deadline timestamptz;
-- ignored_replies: how many replies the saga ignored (duplicates, late or
-- forged ones); past a bound they are counted here, not in saga_history.
ALTER TABLE sagas ADD COLUMN IF NOT EXISTS ignored_replies bigint NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS sagas_due ON sagas (next_deadline) WHERE next_deadline IS NOT NULL;
CREATE INDEX IF NOT EXISTS sagas_newest ON sagas (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS sagas_state_newest ON sagas (state, created_at DESC, id DESC);
-- definition_version: the version of its type's definition a saga started
-- on and runs on to its end. parked: why the saga was set aside (its
-- version is unknown or its steps do not match it); '' when it is not.
ALTER TABLE sagas ADD COLUMN IF NOT EXISTS definition_version integer NOT NULL DEFAULT 1;
ALTER TABLE sagas ADD COLUMN IF NOT EXISTS parked text NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS sagas_parked ON sagas (id) WHERE parked <> '';
-- idempotency_key: the Idempotency-Key of the POST /sagas that started the
-- saga (null without one; unique among the others); request_hash: the hash
-- of that request, to tell a repeat from another request under the key.
ALTER TABLE sagas ADD COLUMN IF NOT EXISTS idempotency_key text;
ALTER TABLE sagas ADD COLUMN IF NOT EXISTS request_hash text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX IF NOT EXISTS sagas_idempotency_key ON sagas (idempotency_key);

-- Every saga definition an orchestrator registered: its canonical form and
-- that form's SHA-256, so that a changed definition under an old version
-- is refused at start.
CREATE TABLE IF NOT EXISTS saga_definitions (
  type          text        NOT NULL CHECK (type <> ''),
  version       integer     NOT NULL CHECK (version > 0),
  canonical     text        NOT NULL,
  digest        text        NOT NULL,
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (type, version)
);

-- The saga's event log: messages sent and received, timeouts, operator
-- actions.
CREATE TABLE IF NOT EXISTS saga_history (
  id           bigserial   PRIMARY KEY,
  saga_id      uuid        NOT NULL,
  at           timestamptz NOT NULL,
  kind         text        NOT NULL,
  step         text        NOT NULL DEFAULT '',
  message_type text        NOT NULL DEFAULT '',
  message_id   text        NOT NULL DEFAULT '',
  detail       text        NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS saga_history_saga ON saga_history (saga_id, id);
