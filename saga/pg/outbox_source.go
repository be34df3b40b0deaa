package pg

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// heldBackRetry bounds Wait after a pass held messages back because another
// relay held earlier messages of their partitions: that relay is about to
// finish, and its deletes send no notification.
const heldBackRetry = 50 * time.Millisecond

// OutboxSource is the relay's side of one service's outbox table.
type OutboxSource struct {
	pool     *pgxpool.Pool
	listener *listener
	heldBack atomic.Bool
	mark     *LowWater[int64]
}

var (
	_ outbox.Source  = (*OutboxSource)(nil)
	_ outbox.Remover = (*OutboxSource)(nil)
)

// NewOutboxSource returns the source of the outbox in schema, which must be
// the schema pool's search_path selects (empty means "public"). Wait listens
// on the channel "<schema>_outbox" that schema.sql's trigger notifies, on a
// connection of its own opened at the first call; Close closes it.
func NewOutboxSource(pool *pgxpool.Pool, schema string) *OutboxSource {
	if schema == "" {
		schema = "public"
	}
	return &OutboxSource{pool: pool, listener: newListener(pool, schema+"_outbox"), mark: NewIDLowWater()}
}

// Relay claims up to limit messages in one transaction, skipping rows other
// relays hold, holds back every message whose partition has an earlier
// message outside the batch, passes the rest to publish in id order and
// deletes them when publish returns nil. Otherwise the transaction rolls
// back and the messages stay for the next pass. The pass takes two round
// trips besides the publish: BEGIN with the claim, the delete with COMMIT.
func (s *OutboxSource) Relay(ctx context.Context, limit int, publish outbox.PublishFunc) (int, error) {
	if limit <= 0 {
		return 0, fmt.Errorf("relaying outbox: limit %d is not positive", limit)
	}
	s.heldBack.Store(false)
	at := time.Now()
	from, pass := s.mark.Start(at)
	n, held, low, err := relayPass(ctx, s.pool, from, limit, publish)
	if low != nil {
		s.mark.Seen(at, *low, pass)
	}
	s.heldBack.Store(held)
	if err != nil {
		return 0, fmt.Errorf("relaying outbox: %w", err)
	}
	return n, nil
}

// Wait blocks until a notification says rows were added, timeout passes
// (nil) or ctx is done (its error). The first call, and the first after a
// connection error, opens the listening connection and returns nil at once:
// notifications sent while nobody listened are lost, so the caller should
// look. A connection error is returned after the connection is closed.
func (s *OutboxSource) Wait(ctx context.Context, timeout time.Duration) error {
	if s.heldBack.Load() {
		timeout = min(timeout, heldBackRetry)
	}
	return s.listener.wait(ctx, timeout)
}

// Remove deletes published rows by id, without waiting for the disk: a
// lost delete only means the relay publishes the rows again.
func (s *OutboxSource) Remove(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := s.pool.Exec(ctx, sqlRemoveOutbox, ids); err != nil {
		return fmt.Errorf("deleting %d published outbox rows: %w", len(ids), classify(err))
	}
	return nil
}

// Backlog counts the messages in the outbox from the relay's mark on, up
// to outbox.BacklogCountLimit+1.
func (s *OutboxSource) Backlog(ctx context.Context) (int64, error) {
	var n int64
	from, _ := s.mark.Start(time.Now())
	if err := s.pool.QueryRow(ctx, sqlOutboxBacklog, outbox.BacklogCountLimit+1, from).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting outbox messages: %w", err)
	}
	return n, nil
}

// sqlOutboxOldestAge is the age in seconds of the oldest row (the first by
// id, found through the primary key rather than by reading every row), by
// the server's clock (created_at defaults to now()); no row when there is
// none.
const sqlOutboxOldestAge = `SELECT extract(epoch FROM now() - created_at)::float8 FROM outbox WHERE id >= $1 ORDER BY id LIMIT 1`

// OldestAge is how long the oldest message in the outbox, from the relay's
// mark on, has waited since it was written; zero when there is none.
func (s *OutboxSource) OldestAge(ctx context.Context) (time.Duration, error) {
	var secs *float64
	from, _ := s.mark.Start(time.Now())
	if err := s.pool.QueryRow(ctx, sqlOutboxOldestAge, from).Scan(&secs); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("reading the age of the oldest outbox message: %w", err)
	}
	if secs == nil || *secs <= 0 {
		return 0, nil
	}
	return time.Duration(*secs * float64(time.Second)), nil
}

// Close closes the listening connection, interrupting a Wait in progress.
// Later Waits fail; Relay and Backlog keep working on the pool.
func (s *OutboxSource) Close() error {
	return s.listener.close()
}
