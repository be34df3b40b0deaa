package pgdriver

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// tx is one engine transaction; the outbox and inbox come from
// saga/pg.
type tx struct {
	pg.Messaging
	tx  pgx.Tx
	due *pg.LowWater[time.Time]
}

var _ driver.Tx = (*tx)(nil)
var _ driver.FreshCreator = (*tx)(nil)

// newTx is the engine's view of t; due is the store's timer mark, nil for
// a transaction the caller began (its claims read from the start).
func newTx(t pgx.Tx, due *pg.LowWater[time.Time]) *tx {
	return &tx{Messaging: pg.NewMessaging(t), tx: t, due: due}
}

func (t *tx) CreateSaga(ctx context.Context, in *saga.Instance) error {
	args, err := sagaArgs(in)
	if err != nil {
		return err
	}
	tag, err := t.tx.Exec(ctx, qInsertSaga, args...)
	if err != nil {
		return fmt.Errorf("inserting saga %s: %w", in.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("inserting saga %s: %w", in.ID, saga.ErrDuplicate)
	}
	return nil
}

func (t *tx) LoadSaga(ctx context.Context, id string) (*saga.Instance, error) {
	in, err := scanSaga(t.tx.QueryRow(ctx, qGetSaga, id))
	if err != nil {
		return nil, fmt.Errorf("loading saga %s: %w", id, pg.InterpretError(err))
	}
	return in, nil
}

// SaveSaga is SaveSagas of one instance: in a pipelined transaction the
// write, and so a stale version's saga.ErrConflict, comes with the next
// statement or the commit.
func (t *tx) SaveSaga(ctx context.Context, in *saga.Instance) error {
	return t.SaveSagas(ctx, []*saga.Instance{in})
}

func (t *tx) AppendHistory(ctx context.Context, sagaID string, hs []saga.HistoryEntry) error {
	if len(hs) == 0 {
		return nil
	}
	// With AppendHistories' insert: the lines of a transaction go in one
	// statement, with its commit.
	return t.AppendHistories(ctx, map[string][]saga.HistoryEntry{sagaID: hs})
}
