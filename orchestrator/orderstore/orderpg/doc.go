// Package orderpg is the PostgreSQL order store: orderstore.Store over a
// pgx pool whose search_path is the orchestrator's schema, where its table
// (Tables) lives next to the engine's. Reads run on the pool; From runs
// the order statements in an engine transaction of pgdriver, through the
// pgx transaction pgdriver.Unwrap finds under it, so an order and the
// saga rows and outbox messages that go with it commit together.
//
// ClaimStalledOrders reads the engine's sagas table of the same schema to
// tell which orders never started their saga, and locks what it returns
// with FOR UPDATE SKIP LOCKED, so several orchestrators never sweep one
// order at once. Through Store.From it reads orders_pending from a
// low-water mark the Store keeps (pg.LowWater), past the entries of the
// orders finished since the last vacuum; through From, from the start.
package orderpg
