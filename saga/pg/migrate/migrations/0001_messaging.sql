-- Messaging tables, the same in every service schema. Tables are
-- unqualified: Migrate sets the search_path to the schema it migrates.

-- Transactional outbox: written in the transaction of the state change,
-- published to Redis by the relay, then deleted.
CREATE TABLE IF NOT EXISTS outbox (
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
);
-- An outbox made before leases has no lease_until yet.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS lease_until timestamptz;
CREATE INDEX IF NOT EXISTS outbox_partition ON outbox (partition_key, id);

-- Inbox: ids of messages already handled, written with their effect.
CREATE TABLE IF NOT EXISTS inbox (
  consumer     text        NOT NULL,
  message_id   uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, message_id)
);
CREATE INDEX IF NOT EXISTS inbox_processed_at ON inbox (processed_at);

-- Wake the relay when rows it is to publish are added (it also polls);
-- rows with a lease are published by their writer. The body is spelled as
-- schema.sql spells it, so that applying this on a database made by
-- schema.sql changes nothing.
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
        RETURN NULL;
      END $f$;
CREATE OR REPLACE TRIGGER outbox_notify AFTER INSERT ON outbox
  FOR EACH ROW WHEN (NEW.lease_until IS NULL) EXECUTE FUNCTION outbox_notify();
