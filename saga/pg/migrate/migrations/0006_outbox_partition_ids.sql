-- The relay's blocker lookup walks a partition's rows in id order. The
-- index it walks is partial, on a predicate every row meets (ids start at
-- 1), so that only a statement naming that predicate can use it. The
-- outbox is a queue: between bursts VACUUM and ANALYZE find it empty, and
-- on such statistics the planner costs a full scan of (partition_key, id)
-- as low as a lookup in the primary key for a delete by id, picks it,
-- and every delete then walks the whole index, thousands of rows a
-- statement, until the next ANALYZE.
CREATE INDEX IF NOT EXISTS outbox_partition_ids ON outbox (partition_key, id) WHERE id > 0;
DROP INDEX IF EXISTS outbox_partition;
