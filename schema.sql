-- streamsaga: every table of every service. Safe to apply twice.
--
-- Each service owns one schema and never reads another's:
--   orchestrator  orders, sagas, saga_history
--   inventory     stock, reservations
--   payment       accounts, payments
-- and each of them has its own messaging tables: outbox, inbox (and barrier
-- for the participants). Services set search_path to their schema.

CREATE SCHEMA IF NOT EXISTS orchestrator;
CREATE SCHEMA IF NOT EXISTS inventory;
CREATE SCHEMA IF NOT EXISTS payment;

-- Messaging tables, the same in every service schema.
DO $do$
DECLARE s text;
BEGIN
  FOREACH s IN ARRAY ARRAY['orchestrator', 'inventory', 'payment'] LOOP
    -- Transactional outbox: written in the transaction of the state change,
    -- published to Redis by the relay, then deleted.
    EXECUTE format($q$
      CREATE TABLE IF NOT EXISTS %I.outbox (
        id            bigserial   PRIMARY KEY,
        message_id    uuid        NOT NULL,
        stream        text        NOT NULL CHECK (stream <> ''),
        partition_key text        NOT NULL,
        message_type  text        NOT NULL CHECK (message_type <> ''),
        payload       text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        -- Set when the writing process publishes the row itself right after
        -- commit: the relay leaves the row alone until then.
        lease_until   timestamptz
      )$q$, s);
    EXECUTE format('ALTER TABLE %I.outbox ADD COLUMN IF NOT EXISTS lease_until timestamptz', s);
    -- Partial on a predicate every row meets, so that only the relay's
    -- blocker lookup, which names it, walks this index: on the statistics
    -- of an empty queue the planner would pick it for a delete by id and
    -- walk it whole (see saga/pg/migrate/migrations/0006).
    EXECUTE format('CREATE INDEX IF NOT EXISTS outbox_partition_ids ON %I.outbox (partition_key, id) WHERE id > 0', s);
    EXECUTE format('DROP INDEX IF EXISTS %I.outbox_partition', s);

    -- Inbox: ids of messages already handled, written with their effect.
    EXECUTE format($q$
      CREATE TABLE IF NOT EXISTS %I.inbox (
        consumer     text        NOT NULL,
        message_id   uuid        NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )$q$, s);
    EXECUTE format('CREATE INDEX IF NOT EXISTS inbox_processed_at ON %I.inbox (processed_at)', s);

    -- Wake the relay when rows it is to publish are added (it also polls);
    -- rows with a lease are published by their writer.
    EXECUTE format($q$
      CREATE OR REPLACE FUNCTION %I.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
        RETURN NULL;
      END $f$
      $q$, s);
    EXECUTE format('CREATE OR REPLACE TRIGGER outbox_notify AFTER INSERT ON %I.outbox
      FOR EACH ROW WHEN (NEW.lease_until IS NULL) EXECUTE FUNCTION %I.outbox_notify()', s, s);
  END LOOP;

  FOREACH s IN ARRAY ARRAY['inventory', 'payment'] LOOP
    -- Barrier: what happened to one step of one saga at this participant,
    -- so a compensation that comes first blocks the late action and a
    -- repeated action gets the first answer again.
    EXECUTE format($q$
      CREATE TABLE IF NOT EXISTS %I.barrier (
        saga_id     uuid        NOT NULL,
        step        text        NOT NULL,
        action      text        NOT NULL DEFAULT 'NONE' CHECK (action IN ('NONE', 'SUCCEEDED', 'FAILED')),
        compensated boolean     NOT NULL DEFAULT false,
        reply_type  text        NOT NULL DEFAULT '',
        reply_data  text        NOT NULL DEFAULT '',
        reply_error text        NOT NULL DEFAULT '',
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (saga_id, step)
      )$q$, s);
    -- Records untouched for longer than the saga retention are pruned,
    -- oldest first.
    EXECUTE format('CREATE INDEX IF NOT EXISTS barrier_updated_at ON %I.barrier (updated_at)', s);
  END LOOP;
END $do$;

-- Orchestrator ---------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orchestrator.orders (
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
ALTER TABLE orchestrator.orders ADD COLUMN IF NOT EXISTS resends integer NOT NULL DEFAULT 0;
-- Orders whose saga never started are found by the sweeper.
CREATE INDEX IF NOT EXISTS orders_pending ON orchestrator.orders (updated_at) WHERE status = 'PENDING';

CREATE TABLE IF NOT EXISTS orchestrator.sagas (
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
ALTER TABLE orchestrator.sagas ADD COLUMN IF NOT EXISTS next_deadline timestamptz;
-- ignored_replies: how many replies the saga ignored (duplicates, late or
-- forged ones); past a bound they are counted here, not in saga_history.
ALTER TABLE orchestrator.sagas ADD COLUMN IF NOT EXISTS ignored_replies bigint NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS sagas_due ON orchestrator.sagas (next_deadline) WHERE next_deadline IS NOT NULL;
-- The listings' indexes are partial, on a predicate every saga meets, so
-- that only the listings, which name it, can use them: on the statistics
-- of a table emptied by the retention the planner would otherwise cost a
-- full scan of one as low as the primary key for a load by id
-- (saga/pg/migrate/migrations/0007_saga_listing_indexes.sql).
CREATE INDEX IF NOT EXISTS sagas_listing ON orchestrator.sagas (created_at DESC, id DESC) WHERE type <> '';
CREATE INDEX IF NOT EXISTS sagas_state_listing ON orchestrator.sagas (state, created_at DESC, id DESC) WHERE type <> '';
DROP INDEX IF EXISTS orchestrator.sagas_newest;
DROP INDEX IF EXISTS orchestrator.sagas_state_newest;
-- definition_version: the version of its type's definition a saga started
-- on and runs on to its end. parked: why the saga was set aside (its
-- version is unknown or its steps do not match it); '' when it is not.
ALTER TABLE orchestrator.sagas ADD COLUMN IF NOT EXISTS definition_version integer NOT NULL DEFAULT 1;
ALTER TABLE orchestrator.sagas ADD COLUMN IF NOT EXISTS parked text NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS sagas_parked ON orchestrator.sagas (id) WHERE parked <> '';
-- idempotency_key: the Idempotency-Key of the POST /sagas that started the
-- saga (null without one; unique among the others); request_hash: the hash
-- of that request, to tell a repeat from another request under the key.
ALTER TABLE orchestrator.sagas ADD COLUMN IF NOT EXISTS idempotency_key text;
ALTER TABLE orchestrator.sagas ADD COLUMN IF NOT EXISTS request_hash text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX IF NOT EXISTS sagas_idempotency_key ON orchestrator.sagas (idempotency_key);
-- Finished sagas the retention may purge (SAGA_RETENTION), oldest first:
-- FAILED ones wait for an operator and parked ones are set aside, so
-- neither is in it, and a purge never walks over them.
CREATE INDEX IF NOT EXISTS sagas_finished ON orchestrator.sagas (completed_at)
  WHERE state IN ('COMPLETED', 'COMPENSATED') AND parked = '';

-- Every saga definition an orchestrator registered: its canonical form and
-- that form's SHA-256, so that a changed definition under an old version
-- is refused at start.
CREATE TABLE IF NOT EXISTS orchestrator.saga_definitions (
  type          text        NOT NULL CHECK (type <> ''),
  version       integer     NOT NULL CHECK (version > 0),
  canonical     text        NOT NULL,
  digest        text        NOT NULL,
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (type, version)
);

CREATE TABLE IF NOT EXISTS orchestrator.saga_history (
  id           bigserial   PRIMARY KEY,
  saga_id      uuid        NOT NULL,
  at           timestamptz NOT NULL,
  kind         text        NOT NULL,
  step         text        NOT NULL DEFAULT '',
  message_type text        NOT NULL DEFAULT '',
  message_id   text        NOT NULL DEFAULT '',
  detail       text        NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS saga_history_saga ON orchestrator.saga_history (saga_id, id);

-- Inventory -----------------------------------------------------------------

CREATE TABLE IF NOT EXISTS inventory.stock (
  sku        text        PRIMARY KEY CHECK (sku <> ''),
  available  bigint      NOT NULL CHECK (available >= 0),
  reserved   bigint      NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS inventory.reservations (
  saga_id    uuid        NOT NULL,
  sku        text        NOT NULL,
  quantity   bigint      NOT NULL CHECK (quantity > 0),
  released   boolean     NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (saga_id, sku)
);

-- Payment -------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS payment.accounts (
  customer_id   text        PRIMARY KEY CHECK (customer_id <> ''),
  balance_cents bigint      NOT NULL CHECK (balance_cents >= 0),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS payment.payments (
  saga_id      uuid        PRIMARY KEY,
  customer_id  text        NOT NULL,
  amount_cents bigint      NOT NULL CHECK (amount_cents >= 0),
  refunded     boolean     NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
