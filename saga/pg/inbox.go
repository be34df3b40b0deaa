package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga"
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
	first, err := scanProcessed(rows, len(ids))
	if err != nil {
		return nil, fmt.Errorf("recording messages as processed by %s: %w", consumer, err)
	}
	return first, nil
}

// MarkFresh records ids (distinct) as processed by consumer on the
// condition that none of them was recorded before: if one was, the
// statement fails with an error wrapping saga.ErrConflict and the
// transaction keeps nothing. In a transaction InTx began, the insert
// travels with the transaction's next round trip (its commit, say) and
// its failure comes from there.
func (m Messaging) MarkFresh(ctx context.Context, consumer string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	what := fmt.Sprintf("recording %d new messages as processed by %s", len(ids), consumer)
	return ExecLaterMapErr(ctx, m.DB, what, sqlMarkFresh, freshError, consumer, ids, int64(len(ids)))
}

// freshError maps MarkFresh's failed check (IsRowCountCheck) to
// saga.ErrConflict.
func freshError(err error) error {
	if IsRowCountCheck(err) {
		return fmt.Errorf("a message was processed before: %w", saga.ErrConflict)
	}
	return InterpretError(err)
}

// QueueMarkProcessed queues MarkProcessedMany's insert on b, for a caller
// that sends it with statements of its own; ReadProcessed reads its result.
func QueueMarkProcessed(b *pgx.Batch, consumer string, ids []string) {
	b.Queue(sqlMarkProcessedMany, consumer, ids)
}

// ReadProcessed reads the next result of br as MarkProcessedMany's: the
// ids that were new.
func ReadProcessed(br pgx.BatchResults) (map[string]bool, error) {
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	return scanProcessed(rows, 0)
}

// scanProcessed reads the ids an inbox insert returned and closes rows.
func scanProcessed(rows pgx.Rows, n int) (map[string]bool, error) {
	defer rows.Close()
	first := make(map[string]bool, n)
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		first[id] = true
	}
	return first, rows.Err()
}
