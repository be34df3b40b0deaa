package pg

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// addLeased queues the insert of msgs with the dispatcher's lease for the
// commit: the messages of every call go in one statement, in call order;
// with their row ids they are kept for after the commit.
func (t *pipelinedTx) addLeased(msgs []outbox.Message) {
	t.leased = append(t.leased, msgs...)
}

// queueLeased turns the waiting leased messages into one queued insert.
func (t *pipelinedTx) queueLeased() {
	msgs := t.leased
	if len(msgs) == 0 {
		return
	}
	t.leased = nil
	t.queueRemovals()
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

// queueRemovals has the transaction delete the rows the dispatcher
// published and waits to delete, when it lets a transaction do that: a
// transaction that writes outbox rows commits to disk anyway, so the
// delete costs it one statement and no transaction of its own. Ids of a
// transaction that does not commit go back (end).
func (t *pipelinedTx) queueRemovals() {
	rs, ok := t.d.(outbox.RemovalSource)
	if !ok {
		return
	}
	ids := rs.TakeRemovals()
	if len(ids) == 0 {
		return
	}
	t.removing = ids
	t.later(laterStmt{what: fmt.Sprintf("deleting %d published outbox rows", len(ids)), sql: sqlRemovePublished, args: []any{ids}})
}

// returnRemovals gives back the ids of a transaction that did not commit.
func (t *pipelinedTx) returnRemovals() {
	if rs, ok := t.d.(outbox.RemovalSource); ok && len(t.removing) > 0 {
		rs.ReturnRemovals(t.removing)
	}
	t.removing = nil
}

// dispatch hands the committed messages over: to the carrier of ctx
// when the dispatcher takes one (outbox.ContextDispatcher).
func (t *pipelinedTx) dispatch(ctx context.Context) {
	if t.d == nil || len(t.added) == 0 {
		return
	}
	if cd, ok := t.d.(outbox.ContextDispatcher); ok {
		cd.DispatchContext(ctx, t.added)
		return
	}
	t.d.Dispatch(t.added)
}
