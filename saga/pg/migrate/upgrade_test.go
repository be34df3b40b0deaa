package migrate_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg/migrate"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// oldOrchestrator is the orchestrator's messaging and engine tables as an
// early schema.sql made them: no outbox lease and none of the saga columns
// added since.
const oldOrchestrator = `
CREATE SCHEMA orchestrator;
SET search_path TO orchestrator;
CREATE TABLE outbox (
  id            bigserial   PRIMARY KEY,
  message_id    uuid        NOT NULL,
  stream        text        NOT NULL CHECK (stream <> ''),
  partition_key text        NOT NULL,
  message_type  text        NOT NULL CHECK (message_type <> ''),
  payload       text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sagas (
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
RESET search_path;`

// A database made before the columns added over time is brought up to
// the current tables, rows kept.
func TestMigrateUpgradesAnOlderDatabase(t *testing.T) {
	old := pool(t, testenv.EmptyDatabase(t))
	_, err := old.Exec(t.Context(), oldOrchestrator)
	require.NoError(t, err)
	_, err = old.Exec(t.Context(), `INSERT INTO orchestrator.outbox (message_id, stream, partition_key, message_type, payload)
		VALUES (gen_random_uuid(), 's', 'k', 'T', '{}')`)
	require.NoError(t, err)

	applied, err := migrate.Migrate(t.Context(), old, "orchestrator", migrate.Orchestrator)
	require.NoError(t, err)
	require.Equal(t, []int{1, 2, 4, 6, 7}, applied)

	fresh := pool(t, testenv.EmptyDatabase(t))
	_, err = migrate.Migrate(t.Context(), fresh, "orchestrator", migrate.Orchestrator)
	require.NoError(t, err)
	require.Equal(t, catalog(t, fresh, "orchestrator"), catalog(t, old, "orchestrator"))
	var rows int
	require.NoError(t, old.QueryRow(t.Context(), "SELECT count(*) FROM orchestrator.outbox WHERE lease_until IS NULL").Scan(&rows))
	require.Equal(t, 1, rows)
}

// A failing statement rolls its whole transaction back.
func TestApplyIsAllOrNothing(t *testing.T) {
	p := pool(t, testenv.EmptyDatabase(t))
	_, err := migrate.Migrate(t.Context(), p, "inventory", migrate.Participant)
	require.NoError(t, err)
	err = migrate.Apply(t.Context(), p, "inventory", "CREATE TABLE half (id int); SELECT 1/0")
	require.ErrorContains(t, err, "applying SQL to schema inventory")
	var found *string
	require.NoError(t, p.QueryRow(t.Context(), "SELECT to_regclass('inventory.half')::text").Scan(&found))
	require.Nil(t, found)
}
