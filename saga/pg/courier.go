package pg

import (
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
