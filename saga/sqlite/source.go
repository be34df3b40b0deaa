package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// pollInterval is how often Wait looks for commits of other handles on the
// same file (another process, say), which the in-process wake-up misses.
const pollInterval = 50 * time.Millisecond

// lease is how long a relay's claim on the rows it publishes lasts. Rows of
// a relay that died mid-pass are published again by another after it.
const lease = time.Minute

// OutboxSource is the relay's side of one service's outbox table.
type OutboxSource struct {
	db  *DB
	now func() time.Time
	// seen is the last outbox id a Wait saw, -1 before the first: rows
	// added between two waits wake the second at once.
	seen atomic.Int64
}

var _ outbox.Source = (*OutboxSource)(nil)

// NewOutboxSource returns the source of db's outbox.
func NewOutboxSource(db *DB) *OutboxSource {
	s := &OutboxSource{db: db, now: time.Now}
	s.seen.Store(-1)
	return s
}

// Relay claims up to limit messages in id order with a lease, in a short
// transaction, skipping rows under another relay's lease and every message
// whose partition has an earlier message under one; it passes them to
// publish outside any transaction (the file's write lock is never held
// across a network call) and deletes them when publish returns nil, or
// gives the lease back when it fails, so they stay for the next pass.
func (s *OutboxSource) Relay(ctx context.Context, limit int, publish outbox.PublishFunc) (int, error) {
	if limit <= 0 {
		return 0, fmt.Errorf("relaying outbox: limit %d is not positive", limit)
	}
	msgs, err := s.claim(ctx, limit)
	if err != nil || len(msgs) == 0 {
		return 0, err
	}
	ids := rowIDs(msgs)
	if err := publish(ctx, msgs); err != nil {
		return 0, s.settle(context.WithoutCancel(ctx), sqlReleaseOutbox, ids, fmt.Errorf("relaying outbox: %w", err))
	}
	if err := s.settle(ctx, sqlDeleteOutbox, ids, nil); err != nil {
		return 0, err
	}
	return len(msgs), nil
}

const sqlClaimOutbox = `
UPDATE outbox SET claimed_until = ?1 + ?2
WHERE id IN (
  SELECT o.id FROM outbox o
  WHERE o.claimed_until < ?1
    AND NOT EXISTS (SELECT 1 FROM outbox e
                    WHERE e.partition_key = o.partition_key AND e.id < o.id AND e.claimed_until >= ?1)
  ORDER BY o.id LIMIT ?3)
RETURNING id, message_id, stream, partition_key, message_type, payload`

const (
	sqlDeleteOutbox  = `DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))`
	sqlReleaseOutbox = `UPDATE outbox SET claimed_until = 0 WHERE id IN (SELECT value FROM json_each(?))`
)

func (s *OutboxSource) claim(ctx context.Context, limit int) ([]outbox.Message, error) {
	var msgs []outbox.Message
	err := InTx(ctx, s.db, func(tx *Tx) error {
		r, err := tx.SQL.QueryContext(ctx, sqlClaimOutbox, Micros(s.now()), lease.Microseconds(), limit)
		if err != nil {
			return err
		}
		defer r.Close()
		for r.Next() {
			var m outbox.Message
			var payload string
			if err := r.Scan(&m.ID, &m.MessageID, &m.Stream, &m.PartitionKey, &m.Type, &payload); err != nil {
				return err
			}
			m.Payload = []byte(payload)
			msgs = append(msgs, m)
		}
		return r.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claiming outbox rows of %s: %w", s.db.path, err)
	}
	slices.SortFunc(msgs, func(a, b outbox.Message) int { return int(a.ID - b.ID) })
	return msgs, nil
}

// settle deletes or releases the rows ids and returns cause, or the
// statement's error when there is no cause.
func (s *OutboxSource) settle(ctx context.Context, stmt string, ids []int64, cause error) error {
	arg, err := rows(ids)
	if err == nil {
		_, err = s.db.SQL.ExecContext(ctx, stmt, arg)
	}
	switch {
	case cause != nil:
		return cause
	case err != nil:
		return fmt.Errorf("settling %d relayed rows of %s: %w", len(ids), s.db.path, err)
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

// Wait returns when rows were added since the last Wait (by a transaction
// of this process, at once; by another handle, within pollInterval), when
// timeout passes or when ctx is done.
func (s *OutboxSource) Wait(ctx context.Context, timeout time.Duration) error {
	changed := s.db.changes()
	last, err := s.lastID(ctx)
	if err != nil {
		return err
	}
	if prev := s.seen.Swap(last); prev >= 0 && prev != last {
		return nil
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-changed:
			return nil
		case <-deadline.C:
			return nil
		case <-tick.C:
			if v, err := s.lastID(ctx); err != nil || v != last {
				s.seen.Store(max(v, last))
				return err
			}
		}
	}
}

// lastID is the highest outbox id ever given out (AUTOINCREMENT keeps it
// in sqlite_sequence, deletes do not lower it): it changes exactly when
// rows were added, whichever handle added them.
func (s *OutboxSource) lastID(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.SQL.QueryRowContext(ctx,
		`SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("looking for outbox rows in %s: %w", s.db.path, err)
	}
	return v, nil
}

// Backlog counts the messages not yet published, up to
// outbox.BacklogCountLimit+1.
func (s *OutboxSource) Backlog(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM outbox LIMIT ?1)`, outbox.BacklogCountLimit+1).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("counting outbox rows in %s: %w", s.db.path, err)
	}
	return n, nil
}

// OldestAge is how long the oldest message not yet published (the first
// by id, read through the primary key) has waited since it was written (created_at, this process's clock); zero when the
// outbox is empty.
func (s *OutboxSource) OldestAge(ctx context.Context) (time.Duration, error) {
	var oldest sql.NullInt64
	err := s.db.SQL.QueryRowContext(ctx, `SELECT created_at FROM outbox ORDER BY id LIMIT 1`).Scan(&oldest)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("reading the age of the oldest outbox row in %s: %w", s.db.path, err)
	}
	if !oldest.Valid {
		return 0, nil
	}
	return max(s.now().Sub(time.UnixMicro(oldest.Int64)), 0), nil
}

// Close releases nothing: the source holds no connection of its own.
func (s *OutboxSource) Close() error { return nil }
