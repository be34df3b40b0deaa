package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// claim locks up to limit of the oldest outbox rows no other relay holds,
// relaxes the transaction's commit, and returns them in id order with the
// ones that must wait for an earlier message of their partition marked.
func claim(ctx context.Context, tx pgx.Tx, limit int) ([]claimed, error) {
	rows, err := tx.Query(ctx, sqlClaimOutbox, limit)
	if err != nil {
		return nil, fmt.Errorf("claiming outbox rows: %w", err)
	}
	batch, err := pgx.CollectRows(rows, scanClaimed)
	if err != nil {
		return nil, fmt.Errorf("claiming outbox rows: %w", err)
	}
	return batch, nil
}

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

// remove deletes the published messages.
func remove(ctx context.Context, tx pgx.Tx, msgs []outbox.Message) error {
	if _, err := tx.Exec(ctx, sqlDeleteOutbox, rowIDs(msgs)); err != nil {
		return fmt.Errorf("deleting %d published outbox rows: %w", len(msgs), err)
	}
	return nil
}

func rowIDs(msgs []outbox.Message) []int64 {
	ids := make([]int64, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	return ids
}
