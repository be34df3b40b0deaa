-- The listings walk (created_at, id) newest first, all sagas or those of
-- one state. Their indexes are partial, on a predicate every saga meets
-- (a saga has a type), so that only a statement naming that predicate
-- can use them. Once every saga has been purged (a quiet spell longer
-- than the retention) VACUUM and ANALYZE find the table empty, its
-- indexes still large; on such statistics the planner costs a full scan
-- of a listing index, checking the id of every entry, as low as a lookup
-- in the primary key for a load by id, may pick it, and every load then
-- walks the whole index until the next ANALYZE. Building them holds off
-- writes to sagas for as long as the build takes.
CREATE INDEX IF NOT EXISTS sagas_listing ON sagas (created_at DESC, id DESC) WHERE type <> '';
CREATE INDEX IF NOT EXISTS sagas_state_listing ON sagas (state, created_at DESC, id DESC) WHERE type <> '';
DROP INDEX IF EXISTS sagas_newest;
DROP INDEX IF EXISTS sagas_state_newest;
