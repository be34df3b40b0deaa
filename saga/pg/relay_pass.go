package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// pass is one relay pass on a connection of its own, in two round trips
// around the publish: BEGIN with the claim, then the delete with COMMIT.
// The claim reads from id from on and samples the lowest id from there
// (low; nil before the outbox's first id) for the relay's mark.
// A transaction left open by an error is rolled back before the connection
// goes back to the pool.
type pass struct {
	conn *pgxpool.Conn
	from int64
	low  *int64
}

// relayPass claims up to limit rows from id from on, publishes the ready
// ones and deletes them, returning how many were published, whether any
// were held back, and the pass's sample for the mark.
func relayPass(ctx context.Context, pool *pgxpool.Pool, from int64, limit int, publish outbox.PublishFunc) (int, bool, *int64, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return 0, false, nil, classify(fmt.Errorf("acquiring a connection: %w", err))
	}
	p := &pass{conn: conn, from: from}
	defer p.release(ctx)
	n, held, err := p.run(ctx, limit, publish)
	return n, held, p.low, classify(err)
}

func (p *pass) run(ctx context.Context, limit int, publish outbox.PublishFunc) (int, bool, error) {
	batch, err := p.claim(ctx, limit)
	if err != nil {
		return 0, false, err
	}
	msgs, held := ready(batch)
	if len(msgs) == 0 {
		return 0, held, p.end(ctx, nil)
	}
	if err := publish(ctx, msgs); err != nil {
		return 0, held, fmt.Errorf("publishing %d messages: %w", len(msgs), err)
	}
	return len(msgs), held, p.end(ctx, msgs)
}

// claim begins the transaction, claims the rows and samples the mark in
// one round trip.
func (p *pass) claim(ctx context.Context, limit int) ([]claimed, error) {
	var batch []claimed
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	b.Queue(sqlClaimOutbox, limit, p.from).Query(func(rows pgx.Rows) error {
		var err error
		batch, err = pgx.CollectRows(rows, scanClaimed)
		return err
	})
	b.Queue(sqlOutboxLow, p.from).QueryRow(func(row pgx.Row) error {
		return row.Scan(&p.low)
	})
	if err := p.conn.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("claiming outbox rows: %w", err)
	}
	return batch, nil
}

// end deletes the published messages, if any, and commits in one round
// trip.
func (p *pass) end(ctx context.Context, published []outbox.Message) error {
	b := &pgx.Batch{}
	if len(published) > 0 {
		b.Queue(sqlDeleteOutbox, rowIDs(published))
	}
	b.Queue("COMMIT")
	if err := p.conn.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("deleting %d published outbox rows: %w", len(published), err)
	}
	return nil
}

// inTx reports whether the connection is inside a transaction, failed or
// not.
func (p *pass) inTx() bool {
	return p.conn.Conn().PgConn().TxStatus() != 'I'
}

// release rolls back a transaction still open and gives the connection
// back.
func (p *pass) release(ctx context.Context) {
	if p.inTx() {
		_, _ = p.conn.Exec(context.WithoutCancel(ctx), "ROLLBACK")
	}
	p.conn.Release()
}
