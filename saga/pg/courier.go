package pg

import (
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

// dispatcherOf is the dispatcher registered for pool, if any.
func dispatcherOf(pool *pgxpool.Pool) outbox.Dispatcher {
	d, _ := dispatchers.Load(pool)
	disp, _ := d.(outbox.Dispatcher)
	return disp
}

// addLeased queues the insert of msgs with the dispatcher's lease; the
// messages, with their row ids, are kept for after the commit.
func (t *pipelinedTx) addLeased(msgs []outbox.Message) {
	c := messageColumns(msgs)
	t.later(laterStmt{
		what: fmt.Sprintf("adding %d outbox messages", len(msgs)),
		sql:  sqlAddLeasedMessages,
		args: []any{c.messageID, c.stream, c.partitionKey, c.messageType, c.payload, t.d.Lease().Microseconds()},
		rows: func(rows pgx.Rows) error {
			ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err != nil {
				return err
			}
			if len(ids) != len(msgs) {
				return fmt.Errorf("%d rows inserted", len(ids))
			}
			slices.Sort(ids) // ids are drawn in insertion order, which is slice order
			for i, m := range msgs {
				m.ID = ids[i]
				t.added = append(t.added, m)
			}
			return nil
		},
	})
}

// dispatch hands the committed messages over.
func (t *pipelinedTx) dispatch() {
	if t.d != nil && len(t.added) > 0 {
		t.d.Dispatch(t.added)
	}
}
