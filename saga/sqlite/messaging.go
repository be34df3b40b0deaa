package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// Messaging is the outbox writer, inbox and barrier store of one service
// inside a transaction.
type Messaging struct {
	tx  *Tx
	now func() time.Time
}

var (
	_ outbox.Writer        = Messaging{}
	_ inbox.Inbox          = Messaging{}
	_ barrier.Store        = Messaging{}
	_ barrier.FreshCreator = Messaging{}
)

// NewMessaging returns the messaging stores of tx.
func NewMessaging(tx *Tx) Messaging { return Messaging{tx: tx, now: time.Now} }

type outboxRow struct {
	MessageID    string `json:"message_id"`
	Stream       string `json:"stream"`
	PartitionKey string `json:"partition_key"`
	Type         string `json:"message_type"`
	Payload      string `json:"payload"`
}

// AddMessages inserts msgs in one statement, in order.
func (m Messaging) AddMessages(ctx context.Context, msgs []outbox.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	in := make([]outboxRow, len(msgs))
	for i, msg := range msgs {
		in[i] = outboxRow{msg.MessageID, msg.Stream, msg.PartitionKey, msg.Type, string(msg.Payload)}
	}
	arg, err := rows(in)
	if err != nil {
		return err
	}
	if _, err := m.tx.SQL.ExecContext(ctx, sqlAddMessages, arg, Micros(m.now())); err != nil {
		return fmt.Errorf("adding %d messages to outbox: %w", len(msgs), err)
	}
	m.tx.wroteOutbox = true
	return nil
}

const sqlAddMessages = `
INSERT INTO outbox (message_id, stream, partition_key, message_type, payload, created_at)
SELECT j.value ->> 'message_id', j.value ->> 'stream', j.value ->> 'partition_key',
       j.value ->> 'message_type', j.value ->> 'payload', ?2
FROM json_each(?1) AS j
ORDER BY j.key`

// MarkProcessed records that consumer handled messageID; false when it was
// recorded before.
func (m Messaging) MarkProcessed(ctx context.Context, consumer, messageID string) (bool, error) {
	first, err := m.MarkProcessedMany(ctx, consumer, []string{messageID})
	return first[messageID], err
}

// MarkFresh records ids (distinct) as processed by consumer on the
// condition that none of them was recorded before: if one was, it returns
// an error wrapping saga.ErrConflict, and the transaction, rolled back by
// that error, keeps nothing.
func (m Messaging) MarkFresh(ctx context.Context, consumer string, ids []string) error {
	first, err := m.MarkProcessedMany(ctx, consumer, ids)
	if err != nil {
		return err
	}
	if len(first) != len(ids) {
		return fmt.Errorf("recording %d new messages as processed by %s: %d were processed before: %w",
			len(ids), consumer, len(ids)-len(first), saga.ErrConflict)
	}
	return nil
}

// MarkProcessedMany records many messages in one statement and returns the
// set of ids that were new.
func (m Messaging) MarkProcessedMany(ctx context.Context, consumer string, ids []string) (map[string]bool, error) {
	first := make(map[string]bool, len(ids))
	if len(ids) == 0 {
		return first, nil
	}
	arg, err := rows(ids)
	if err != nil {
		return nil, err
	}
	r, err := m.tx.SQL.QueryContext(ctx, sqlMarkProcessed, consumer, arg, Micros(m.now()))
	if err != nil {
		return nil, fmt.Errorf("recording %d messages as processed by %s: %w", len(ids), consumer, err)
	}
	defer r.Close()
	for r.Next() {
		var id string
		if err := r.Scan(&id); err != nil {
			return nil, fmt.Errorf("recording messages as processed: %w", err)
		}
		first[id] = true
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("recording messages as processed by %s: %w", consumer, err)
	}
	return first, nil
}

const sqlMarkProcessed = `
INSERT INTO inbox (consumer, message_id, processed_at)
SELECT ?1, j.value, ?3 FROM json_each(?2) AS j WHERE true
ON CONFLICT DO NOTHING
RETURNING message_id`
