package pg

import (
	"context"
	"fmt"
)

// MarkProcessed records that consumer handled messageID (a UUID). It
// returns false when the message was recorded before.
func (m Messaging) MarkProcessed(ctx context.Context, consumer, messageID string) (bool, error) {
	tag, err := m.DB.Exec(ctx, sqlMarkProcessed, consumer, messageID)
	if err != nil {
		return false, fmt.Errorf("recording message %s as processed by %s: %w", messageID, consumer, err)
	}
	return tag.RowsAffected() == 1, nil
}

// MarkProcessedMany records many messages in one statement and returns the
// set of ids that were new; ids recorded before (or twice in ids) appear
// once at most.
func (m Messaging) MarkProcessedMany(ctx context.Context, consumer string, ids []string) (map[string]bool, error) {
	rows, err := m.DB.Query(ctx, sqlMarkProcessedMany, consumer, ids)
	if err != nil {
		return nil, fmt.Errorf("recording %d messages as processed by %s: %w", len(ids), consumer, err)
	}
	defer rows.Close()
	first := make(map[string]bool, len(ids))
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("recording messages as processed: %w", err)
		}
		first[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("recording messages as processed by %s: %w", consumer, err)
	}
	return first, nil
}
