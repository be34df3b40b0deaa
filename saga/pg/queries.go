package pg

// The SQL of the messaging stores. Tables are unqualified: the connection's
// search_path selects the service's schema. A batch statement reads its
// arrays side by side in a select list (SELECT unnest($1), unnest($2)),
// never as unnest($1, $2) in FROM, which the server materialises array by
// array (testenv.RequireZippedArrays says what that cost).

// messageRows are the outbox writers' five arrays side by side, m.ord
// numbering them in slice order.
const messageRows = `(SELECT unnest($1::text[]) AS message_id, unnest($2::text[]) AS stream,
        unnest($3::text[]) AS partition_key, unnest($4::text[]) AS message_type,
        unnest($5::text[]) AS payload, generate_series(1, cardinality($1::text[])) AS ord) AS m`

// Outbox writer: one statement for the whole batch, ids assigned in slice
// order.
const sqlAddMessages = `
INSERT INTO outbox (message_id, stream, partition_key, message_type, payload)
SELECT m.message_id::uuid, m.stream, m.partition_key, m.message_type, m.payload
FROM ` + messageRows + `
ORDER BY m.ord`

// The same with a lease ($6 microseconds from now), returning the ids.
const sqlAddLeasedMessages = `
INSERT INTO outbox (message_id, stream, partition_key, message_type, payload, lease_until)
SELECT m.message_id::uuid, m.stream, m.partition_key, m.message_type, m.payload,
       clock_timestamp() + $6::bigint * interval '1 microsecond'
FROM ` + messageRows + `
ORDER BY m.ord
RETURNING id`

// Relay claim, in one statement: the oldest rows from id $2 on (the
// relay's low-water mark, see LowWater) that no other relay holds and
// no writer's lease covers (rows committed late, with an id below rows already published, are still
// found here, which a relay that remembers the last id it read would
// skip), each with its blocker: the first row of its partition before it
// that is not in the claim (one another relay holds, or one the claim could
// not see). A row with a blocker must wait. set_config relaxes the
// transaction's commit (see below) without a statement of its own. The
// blocker's "e.id > 0" is the predicate of outbox_partition_ids, the
// partial index it walks (migration 0006 says why it is partial).
const sqlClaimOutbox = `
WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)),
claimed AS MATERIALIZED (
  SELECT o.id, o.message_id, o.stream, o.partition_key, o.message_type, o.payload
  FROM outbox o, relaxed
  WHERE o.id >= $2 AND (o.lease_until IS NULL OR o.lease_until < now())
  ORDER BY o.id
  LIMIT $1
  FOR UPDATE OF o SKIP LOCKED
)
SELECT c.id, c.message_id::text, c.stream, c.partition_key, c.message_type, c.payload,
       (SELECT min(e.id) FROM outbox e
        WHERE e.partition_key = c.partition_key AND e.id < c.id AND e.id > 0
          AND e.id NOT IN (SELECT id FROM claimed)) AS blocker
FROM claimed c
ORDER BY c.id`

const sqlDeleteOutbox = `DELETE FROM outbox WHERE id = ANY($1::bigint[])`

// A courier's delete of rows it published: a lost delete only means the
// relay publishes them again, so the commit need not wait for the disk.
const sqlRemoveOutbox = `
WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
DELETE FROM outbox o USING relaxed WHERE o.id = ANY($1::bigint[])`

// The same in a transaction that writes outbox rows anyway (it commits to
// disk whatever this statement does).
const sqlRemovePublished = `DELETE FROM outbox WHERE id = ANY($1::bigint[])`

// sqlOutboxLow is the lowest id a row of the outbox has, or will have
// once the transactions open now commit, from $1 on: the lowest live id,
// or else the last id the sequence gave. NULL before the first id.
const sqlOutboxLow = `
SELECT least((SELECT min(id) FROM outbox WHERE id >= $1),
             pg_sequence_last_value(pg_get_serial_sequence('outbox', 'id')::regclass))`

// sqlOutboxBacklog counts the rows from id $2 on, up to $1, in id order
// (the primary key) so that the count starts at the mark.
const sqlOutboxBacklog = `SELECT count(*) FROM (SELECT 1 FROM outbox WHERE id >= $2 ORDER BY id LIMIT $1) AS b`

// Inbox: a conflict means the message was handled before.
const sqlMarkProcessed = `
INSERT INTO inbox (consumer, message_id)
VALUES ($1, $2::text::uuid)
ON CONFLICT DO NOTHING`

// Barrier: create the records that are missing and lock them all, in one
// statement. ON CONFLICT DO UPDATE locks a record that exists (waiting for
// a concurrent writer to finish) and returns its latest committed values,
// also in READ COMMITTED; the update writes nothing new. Records are created
// and locked in key order so that batches over overlapping steps take
// their locks in the same order. The keys must be distinct: one statement
// cannot update a row twice.
const sqlLockBarriers = `
INSERT INTO barrier AS b (saga_id, step)
SELECT k.saga_id, k.step FROM (SELECT unnest($1::uuid[]) AS saga_id, unnest($2::text[]) AS step) AS k
ORDER BY 1, 2
ON CONFLICT (saga_id, step) DO UPDATE SET saga_id = b.saga_id
RETURNING b.saga_id::text, b.step, b.action, b.compensated, b.reply_type, b.reply_data, b.reply_error`

// sqlCreateFreshBarriers creates the barrier records of distinct keys on
// the condition that none was there: it divides by zero (IsRowCountCheck)
// when fewer than $3 rows went in. A record another transaction is
// creating makes it wait for that one to end, as LockBarriers does.
const sqlCreateFreshBarriers = `
WITH added AS (
  INSERT INTO barrier (saga_id, step)
  SELECT k.saga_id, k.step FROM (SELECT unnest($1::uuid[]) AS saga_id, unnest($2::text[]) AS step) AS k
  ORDER BY 1, 2
  ON CONFLICT (saga_id, step) DO NOTHING
  RETURNING 1)
SELECT 1 / (count(*) = $3::bigint)::int FROM added`

// The barrier save: the records of distinct keys, $8 of them. It fails
// with division_by_zero (22012, IsRowCountCheck) when fewer rows exist:
// checked on the server, the condition stops the statements and the COMMIT
// sent with the save (ExecLaterMapErr), which a row count read afterwards
// could not. Nothing else in the statement divides.
const sqlSaveBarriers = `
WITH saved AS (
  UPDATE barrier b
  SET action = u.action, compensated = u.compensated, reply_type = u.reply_type,
      reply_data = u.reply_data, reply_error = u.reply_error, updated_at = now()
  FROM (SELECT unnest($1::uuid[]) AS saga_id, unnest($2::text[]) AS step, unnest($3::text[]) AS action,
               unnest($4::bool[]) AS compensated, unnest($5::text[]) AS reply_type,
               unnest($6::text[]) AS reply_data, unnest($7::text[]) AS reply_error) AS u
  WHERE b.saga_id = u.saga_id AND b.step = u.step
  RETURNING 1)
SELECT 1 / (count(*) = $8::bigint)::int FROM saved`

// Inbox retention: at most $2 ids recorded before $1, oldest first through
// inbox_processed_at, deleted by row address. The array makes the delete a
// TID scan of exactly those rows; matching on the primary key instead lets
// the planner hash-join a scan of the whole table on every batch. Rows
// another pruner holds are skipped, so concurrent pruners do not wait on
// each other.
const sqlPruneInbox = `
DELETE FROM inbox
WHERE ctid = ANY (ARRAY(
  SELECT ctid
  FROM inbox
  WHERE processed_at < $1
  ORDER BY processed_at
  LIMIT $2
  FOR UPDATE SKIP LOCKED))`

// The relay's transaction commits without waiting for its WAL to reach
// disk (synchronous_commit off, set by the claim). Safe: if a crash loses
// the deletion of rows already published, they are published again, and
// every consumer's inbox drops the duplicates. It saves one disk flush per
// message hop.

// sqlMarkProcessedMany inserts many inbox rows at once and returns the ids
// that were not there yet.
const sqlMarkProcessedMany = `
INSERT INTO inbox (consumer, message_id)
SELECT $1, id FROM unnest($2::uuid[]) AS id
ON CONFLICT DO NOTHING
RETURNING message_id::text`

// sqlMarkFresh inserts inbox rows on the condition that none was there:
// it divides by zero (IsRowCountCheck) when fewer than $3 rows went in,
// which stops what travels with it, COMMIT included.
const sqlMarkFresh = `
WITH added AS (
  INSERT INTO inbox (consumer, message_id)
  SELECT $1, id FROM unnest($2::uuid[]) AS id
  ON CONFLICT DO NOTHING
  RETURNING 1)
SELECT 1 / (count(*) = $3::bigint)::int FROM added`
