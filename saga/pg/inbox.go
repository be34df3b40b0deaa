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
