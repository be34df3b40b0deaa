package pg

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// dispatchers maps a pool to the dispatcher its transactions hand their
// committed outbox messages to.
var dispatchers sync.Map // *pgxpool.Pool -> outbox.Dispatcher

// PublishAfterCommit makes every transaction that InTx runs on pool write
// its outbox rows with d's lease and hand them to d once it has committed,
// so that the process publishes them at once instead of waiting for the
// relay. Stores need no change: it applies to any store whose transactions
// go through InTx. The returned function undoes it; rows written after
// that are the relay's again.
func PublishAfterCommit(pool *pgxpool.Pool, d outbox.Dispatcher) (undo func()) {
	dispatchers.Store(pool, d)
	return func() { dispatchers.CompareAndDelete(pool, d) }
}

// dispatcherOf is the dispatcher registered for db, if db is a pool.
func dispatcherOf(db Beginner) outbox.Dispatcher {
	pool, ok := db.(*pgxpool.Pool)
	if !ok {
		return nil
	}
	d, _ := dispatchers.Load(pool)
	disp, _ := d.(outbox.Dispatcher)
	return disp
}

// dispatchTx is a transaction whose outbox messages go to a dispatcher
// after it commits. Savepoints begun on it are plain transactions: their
// messages are left to the relay.
type dispatchTx struct {
	pgx.Tx
	d     outbox.Dispatcher
	added []outbox.Message
}

// addMessages inserts msgs with the dispatcher's lease and keeps them,
// with their row ids, for after the commit.
func (t *dispatchTx) addMessages(ctx context.Context, msgs []outbox.Message) error {
	c := messageColumns(msgs)
	rows, err := t.Query(ctx, sqlAddLeasedMessages, c.messageID, c.stream, c.partitionKey, c.messageType, c.payload,
		t.d.Lease().Microseconds())
	if err != nil {
		return fmt.Errorf("adding %d outbox messages: %w", len(msgs), err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("adding %d outbox messages: %w", len(msgs), err)
	}
	if len(ids) != len(msgs) {
		return fmt.Errorf("adding %d outbox messages: %d rows inserted", len(msgs), len(ids))
	}
	slices.Sort(ids) // ids are drawn in insertion order, which is slice order
	for i, m := range msgs {
		m.ID = ids[i]
		t.added = append(t.added, m)
	}
	return nil
}

// dispatch hands the committed messages over.
func (t *dispatchTx) dispatch() {
	if len(t.added) > 0 {
		t.d.Dispatch(t.added)
	}
}
