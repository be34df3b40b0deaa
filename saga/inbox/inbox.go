package inbox

import "context"

// Inbox records handled messages inside the caller's transaction.
type Inbox interface {
	// MarkProcessed records that consumer handled messageID. It returns
	// false when the message was recorded before: a duplicate.
	MarkProcessed(ctx context.Context, consumer, messageID string) (first bool, err error)
	// MarkProcessedMany records many messages at once and returns the set
	// of ids that were new.
	MarkProcessedMany(ctx context.Context, consumer string, messageIDs []string) (first map[string]bool, err error)
}
