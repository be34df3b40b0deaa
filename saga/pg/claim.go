package pg

import (
	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// claimed is a claimed row; blocked when an earlier row of its partition
// is outside the claim.
type claimed struct {
	msg     outbox.Message
	blocked bool
}

func scanClaimed(row pgx.CollectableRow) (claimed, error) {
	var c claimed
	var blocker *int64
	err := row.Scan(&c.msg.ID, &c.msg.MessageID, &c.msg.Stream, &c.msg.PartitionKey, &c.msg.Type, &c.msg.Payload, &blocker)
	c.blocked = blocker != nil
	return c, err
}

// ready returns the messages of batch that need not wait, and whether any
// had to.
func ready(batch []claimed) ([]outbox.Message, bool) {
	out := make([]outbox.Message, 0, len(batch))
	for _, c := range batch {
		if !c.blocked {
			out = append(out, c.msg)
		}
	}
	return out, len(out) < len(batch)
}

func rowIDs(msgs []outbox.Message) []int64 {
	ids := make([]int64, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	return ids
}
