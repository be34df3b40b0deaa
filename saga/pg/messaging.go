package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// DBTX runs statements, alone or several in one round trip (SendBatch);
// pgx.Tx, *pgx.Conn and *pgxpool.Pool satisfy it.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// Messaging is the outbox writer, inbox and barrier store of one service,
// over DB. DB is normally the service's transaction: the messages, inbox
// rows and barrier records then commit or roll back with the state change
// that caused them. Services embed it in their own transaction types.
type Messaging struct {
	DB DBTX
}

var (
	_ outbox.Writer        = Messaging{}
	_ inbox.Inbox          = Messaging{}
	_ barrier.Store        = Messaging{}
	_ barrier.FreshCreator = Messaging{}
)

// NewMessaging returns the messaging stores over db.
func NewMessaging(db DBTX) Messaging {
	return Messaging{DB: db}
}

// AddMessages inserts msgs into the outbox in one statement, in slice
// order. In a transaction InTx began on a DB or a pool the insert travels
// with the commit, one for all calls (ExecAtCommit); when the DB has a
// dispatcher (PublishAfterCommit) the rows carry its lease and the
// messages go to it after the commit. Payloads must be valid UTF-8 (they
// are encoded envelopes). An empty slice does nothing.
func (m Messaging) AddMessages(ctx context.Context, msgs []outbox.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	if t, ok := m.DB.(*pipelinedTx); ok && t.d != nil {
		t.addLeased(msgs)
		return nil
	}
	c := messageColumns(msgs)
	return ExecAtCommit(ctx, m.DB, fmt.Sprintf("adding %d outbox messages", len(msgs)),
		sqlAddMessages, c.messageID, c.stream, c.partitionKey, c.messageType, c.payload)
}

// columns holds messages column by column, to insert them with unnest.
type columns struct {
	messageID, stream, partitionKey, messageType, payload []string
}

func messageColumns(msgs []outbox.Message) columns {
	c := columns{
		messageID:    make([]string, len(msgs)),
		stream:       make([]string, len(msgs)),
		partitionKey: make([]string, len(msgs)),
		messageType:  make([]string, len(msgs)),
		payload:      make([]string, len(msgs)),
	}
	for i, msg := range msgs {
		c.messageID[i] = msg.MessageID
		c.stream[i] = msg.Stream
		c.partitionKey[i] = msg.PartitionKey
		c.messageType[i] = msg.Type
		c.payload[i] = string(msg.Payload)
	}
	return c
}
