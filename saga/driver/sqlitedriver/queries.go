package sqlitedriver

// SQL of the engine's store. Set-based statements read their rows from
// one JSON array parameter through json_each (the counterpart of the
// PostgreSQL driver's unnest over arrays); the rows are encoded in rows.go.
// json_each has a column named id, so every column in those statements is
// qualified.
const (
	qSagaColumns = `s.id, s.type, s.state, s.data, s.steps, s.version, s.correlation_id, s.trace_parent, s.failure,
       s.created_at, s.updated_at, s.completed_at, s.definition_version, s.parked`

	qGetSaga = `SELECT ` + qSagaColumns + ` FROM sagas AS s WHERE s.id = ?1`

	qLoadSagas = `
SELECT ` + qSagaColumns + ` FROM sagas AS s
 WHERE s.id IN (SELECT i.value FROM json_each(?1) AS i)`

	// The WHERE true keeps SQLite from reading ON CONFLICT as a join
	// constraint of the FROM clause.
	qInsertSagas = `
INSERT INTO sagas (id, type, state, data, steps, version, correlation_id, trace_parent, failure,
                   created_at, updated_at, completed_at, next_deadline, definition_version, parked,
                   idempotency_key, request_hash)
SELECT u.value ->> 'id', u.value ->> 'type', u.value ->> 'state', u.value ->> 'data', u.value ->> 'steps',
       u.value ->> 'version', u.value ->> 'correlation_id', u.value ->> 'trace_parent', u.value ->> 'failure',
       u.value ->> 'created_at', u.value ->> 'updated_at', u.value ->> 'completed_at', u.value ->> 'next_deadline',
       u.value ->> 'definition_version', u.value ->> 'parked',
       NULLIF(u.value ->> 'idempotency_key', ''), u.value ->> 'request_hash'
  FROM json_each(?1) AS u WHERE true
ON CONFLICT (id) DO NOTHING
RETURNING id`

	qUpdateSagas = `
UPDATE sagas AS s SET state = u.value ->> 'state', data = u.value ->> 'data', steps = u.value ->> 'steps',
       version = s.version + 1, failure = u.value ->> 'failure', updated_at = u.value ->> 'updated_at',
       completed_at = u.value ->> 'completed_at', next_deadline = u.value ->> 'next_deadline'
  FROM json_each(?1) AS u
 WHERE s.id = u.value ->> 'id' AND s.version = u.value ->> 'version'`

	qInsertHistories = `
INSERT INTO saga_history (saga_id, at, kind, step, message_type, message_id, detail)
SELECT h.value ->> 'saga_id', h.value ->> 'at', h.value ->> 'kind', h.value ->> 'step',
       h.value ->> 'message_type', h.value ->> 'message_id', h.value ->> 'detail'
  FROM json_each(?1) AS h
 ORDER BY h.key`

	qHistory = `
SELECT h.at, h.kind, h.step, h.message_type, h.message_id, h.detail
  FROM saga_history AS h WHERE h.saga_id = ?1 ORDER BY h.id`

	qHistoryPage = `
SELECT h.id, h.at, h.kind, h.step, h.message_type, h.message_id, h.detail
  FROM saga_history AS h WHERE h.saga_id = ?1 AND h.id > ?2 ORDER BY h.id LIMIT ?3`

	qListSagas = `
SELECT ` + qSagaColumns + ` FROM sagas AS s
 WHERE (?1 = '' OR s.state = ?1)
   AND (?2 IS NULL OR (s.created_at, s.id) < (?2, ?3))
 ORDER BY s.created_at DESC, s.id DESC
 LIMIT ?4`

	// The claims need no FOR UPDATE SKIP LOCKED: the transaction holds the
	// database's write lock from BEGIN (see doc.go).
	qClaimDue = `
SELECT s.id FROM sagas AS s
 WHERE s.next_deadline <= ?1
 ORDER BY s.next_deadline
 LIMIT ?2`

	qCountByState = `SELECT s.state, count(*) FROM sagas AS s GROUP BY s.state`
)
