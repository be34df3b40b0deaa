package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// claim locks up to limit of the oldest outbox rows no other relay holds.
func claim(ctx context.Context, tx pgx.Tx, limit int) ([]outbox.Message, error) {
	rows, err := tx.Query(ctx, sqlClaimOutbox, limit)
	if err != nil {
		return nil, fmt.Errorf("claiming outbox rows: %w", err)
	}
	msgs, err := pgx.CollectRows(rows, scanMessage)
	if err != nil {
		return nil, fmt.Errorf("claiming outbox rows: %w", err)
	}
	return msgs, nil
}

func scanMessage(row pgx.CollectableRow) (outbox.Message, error) {
	var m outbox.Message
	err := row.Scan(&m.ID, &m.MessageID, &m.Stream, &m.PartitionKey, &m.Type, &m.Payload)
	return m, err
}

// holdBack drops from batch the messages that must wait for an earlier
// message of their partition that is not in batch.
func holdBack(ctx context.Context, tx pgx.Tx, batch []outbox.Message) ([]outbox.Message, error) {
	blockers, err := findBlockers(ctx, tx, batch)
	if err != nil {
		return nil, err
	}
	return withoutBlocked(batch, blockers), nil
}

// findBlockers returns, per partition of batch, the first row outside batch
// that comes before batch's last row.
func findBlockers(ctx context.Context, tx pgx.Tx, batch []outbox.Message) (map[string]int64, error) {
	last := batch[len(batch)-1].ID
	rows, err := tx.Query(ctx, sqlOutboxBlockers, partitionKeys(batch), last, rowIDs(batch))
	if err != nil {
		return nil, fmt.Errorf("checking partition order: %w", err)
	}
	blockers := map[string]int64{}
	var key string
	var id int64
	_, err = pgx.ForEachRow(rows, []any{&key, &id}, func() error {
		blockers[key] = id
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("checking partition order: %w", err)
	}
	return blockers, nil
}

// withoutBlocked keeps the messages of batch that come before their
// partition's blocker, if it has one.
func withoutBlocked(batch []outbox.Message, blockers map[string]int64) []outbox.Message {
	if len(blockers) == 0 {
		return batch
	}
	ready := make([]outbox.Message, 0, len(batch))
	for _, m := range batch {
		if b, ok := blockers[m.PartitionKey]; ok && b < m.ID {
			continue
		}
		ready = append(ready, m)
	}
	return ready
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

func partitionKeys(msgs []outbox.Message) []string {
	seen := make(map[string]bool, len(msgs))
	keys := make([]string, 0, len(msgs))
	for _, m := range msgs {
		if !seen[m.PartitionKey] {
			seen[m.PartitionKey] = true
			keys = append(keys, m.PartitionKey)
		}
	}
	return keys
}
