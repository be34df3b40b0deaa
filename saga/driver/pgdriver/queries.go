package pgdriver

// SQL of the engine's store; tables resolve through search_path.
const (
	qSagaColumns = `id, type, state, data, steps, version, correlation_id, trace_parent, failure, created_at, updated_at, completed_at,
       definition_version, parked`

	qInsertSaga = `
INSERT INTO sagas (` + qSagaColumns + `, next_deadline)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
ON CONFLICT (id) DO NOTHING`

	qGetSaga = `SELECT ` + qSagaColumns + ` FROM sagas WHERE id = $1`

	qClaimDue = `
SELECT id FROM sagas
 WHERE next_deadline <= $1
 ORDER BY next_deadline
 LIMIT $2
 FOR UPDATE SKIP LOCKED`

	qLoadSagas = `SELECT ` + qSagaColumns + ` FROM sagas WHERE id = ANY($1::uuid[])`

	// qUpdateSagas writes sagas at their versions and fails with
	// division_by_zero (22012, pg.IsRowCountCheck) when fewer than $10 rows
	// were at theirs: checked on the server, a stale version stops the
	// statements and the COMMIT sent with the save (pg.ExecLaterMapErr),
	// which a row count read afterwards could not. Nothing else in the
	// statement divides.
	qUpdateSagas = `
WITH saved AS (
  UPDATE sagas s SET state = u.state, data = u.data, steps = u.steps, version = s.version + 1,
         failure = u.failure, updated_at = u.updated_at, completed_at = u.completed_at,
         next_deadline = u.next_deadline
    FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::jsonb[], $5::jsonb[], $6::text[],
                $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
         AS u(id, version, state, data, steps, failure, updated_at, completed_at, next_deadline)
   WHERE s.id = u.id AND s.version = u.version
  RETURNING 1)
SELECT 1 / (count(*) = $10::bigint)::int FROM saved`

	qInsertSagas = `
INSERT INTO sagas (` + qSagaColumns + `, next_deadline)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::bigint[], $7::text[],
                     $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::integer[],
                     $14::text[], $15::timestamptz[])
ON CONFLICT (id) DO NOTHING
RETURNING id::text`

	qInsertHistories = `
INSERT INTO saga_history (saga_id, at, kind, step, message_type, message_id, detail)
SELECT saga_id, at, kind, step, message_type, message_id, detail
  FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       WITH ORDINALITY AS h(saga_id, at, kind, step, message_type, message_id, detail, ord)
 ORDER BY ord`

	qHistory = `
SELECT at, kind, step, message_type, message_id, detail
  FROM saga_history WHERE saga_id = $1 ORDER BY id`

	qHistoryPage = `
SELECT id, at, kind, step, message_type, message_id, detail
  FROM saga_history WHERE saga_id = $1 AND id > $2 ORDER BY id LIMIT $3`

	// Listing, newest first, after a cursor ((created_at, id) of the last
	// saga of the previous page; infinity for the first page). One
	// statement per filter, so that the plan the server caches for it
	// walks the index that fits: sagas_newest or sagas_state_newest.
	qListSagas = `
SELECT ` + qSagaColumns + ` FROM sagas
 WHERE (created_at, id) < ($1, $2::uuid)
 ORDER BY created_at DESC, id DESC
 LIMIT $3`
	qListSagasInState = `
SELECT ` + qSagaColumns + ` FROM sagas
 WHERE state = $4 AND (created_at, id) < ($1, $2::uuid)
 ORDER BY created_at DESC, id DESC
 LIMIT $3`

	qCountByState = `SELECT state, count(*) FROM sagas GROUP BY state`
)
