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

	// qClaimDue reads sagas_due from the timer's low-water mark, $3 (see
	// pg.LowWater).
	qClaimDue = `
SELECT id FROM sagas
 WHERE next_deadline >= $3 AND next_deadline <= $1
 ORDER BY next_deadline
 LIMIT $2
 FOR UPDATE SKIP LOCKED`

	// qDueLow is the earliest deadline from $1 to $2 (the pass's time),
	// the timer's sample for its mark; NULL when there is none.
	qDueLow = `SELECT min(next_deadline) FROM sagas WHERE next_deadline >= $1 AND next_deadline <= $2`

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
    FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::bigint[]) AS version, unnest($3::text[]) AS state,
                 unnest($4::jsonb[]) AS data, unnest($5::jsonb[]) AS steps, unnest($6::text[]) AS failure,
                 unnest($7::timestamptz[]) AS updated_at, unnest($8::timestamptz[]) AS completed_at,
                 unnest($9::timestamptz[]) AS next_deadline) AS u
   WHERE s.id = u.id AND s.version = u.version
  RETURNING 1)
SELECT 1 / (count(*) = $10::bigint)::int FROM saved`

	// qInsertSagaRows inserts the rows of many sagas, given as columns.
	qInsertSagaRows = `
INSERT INTO sagas (` + qSagaColumns + `, next_deadline)
SELECT unnest($1::uuid[]), unnest($2::text[]), unnest($3::text[]), unnest($4::jsonb[]), unnest($5::jsonb[]),
       unnest($6::bigint[]), unnest($7::text[]), unnest($8::text[]), unnest($9::text[]), unnest($10::timestamptz[]),
       unnest($11::timestamptz[]), unnest($12::timestamptz[]), unnest($13::integer[]), unnest($14::text[]),
       unnest($15::timestamptz[])`

	// qInsertSagas leaves an existing id alone and returns the ids it
	// inserted.
	qInsertSagas = qInsertSagaRows + `
ON CONFLICT (id) DO NOTHING
RETURNING id::text`

	// qInsertFreshSagas is for ids just made: an existing one is an error,
	// and nothing is returned, so the insert can travel with the
	// transaction's next round trip.
	qInsertFreshSagas = qInsertSagaRows

	qInsertHistories = `
INSERT INTO saga_history (saga_id, at, kind, step, message_type, message_id, detail)
SELECT saga_id, at, kind, step, message_type, message_id, detail
  FROM (SELECT unnest($1::uuid[]) AS saga_id, unnest($2::timestamptz[]) AS at, unnest($3::text[]) AS kind,
               unnest($4::text[]) AS step, unnest($5::text[]) AS message_type, unnest($6::text[]) AS message_id,
               unnest($7::text[]) AS detail, generate_series(1, cardinality($1::uuid[])) AS ord) AS h
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
	// walks the index that fits: sagas_listing or sagas_state_listing,
	// whose predicate (type <> '') each names, as a statement must to use
	// them (migration 0007 says why).
	qListSagas = `
SELECT ` + qSagaColumns + ` FROM sagas
 WHERE type <> '' AND (created_at, id) < ($1, $2::uuid)
 ORDER BY created_at DESC, id DESC
 LIMIT $3`
	qListSagasInState = `
SELECT ` + qSagaColumns + ` FROM sagas
 WHERE type <> '' AND state = $4 AND (created_at, id) < ($1, $2::uuid)
 ORDER BY created_at DESC, id DESC
 LIMIT $3`

	// qCountByState reads sagas_state_listing alone (an index-only scan).
	qCountByState = `SELECT state, count(*) FROM sagas WHERE type <> '' GROUP BY state`
)
