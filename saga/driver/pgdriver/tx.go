package pgdriver

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// tx is one orchestrator transaction; the outbox and inbox come from
// saga/pg.
type tx struct {
	pg.Messaging
	tx pgx.Tx
}

var _ driver.Tx = (*tx)(nil)

func newTx(t pgx.Tx) *tx { return &tx{Messaging: pg.NewMessaging(t), tx: t} }

func (t *tx) InsertOrders(ctx context.Context, orders []driver.Order) error {
	if len(orders) == 0 {
		return nil
	}
	cols, err := orderColumns(orders)
	if err != nil {
		return err
	}
	_, err = t.tx.Exec(ctx, qInsertOrders, cols.ids, cols.customers, cols.items, cols.totals, cols.statuses,
		cols.sagaIDs, cols.reasons, cols.keys, cols.hashes, cols.createdAt)
	if pg.IsUniqueViolation(err) && cols.anyKey {
		return driver.ErrIdempotencyKeyUsed
	}
	if err != nil {
		return fmt.Errorf("inserting %d orders (first %s): %w", len(orders), orders[0].ID, pg.InterpretError(err))
	}
	return nil
}

func (t *tx) OrdersByIdempotencyKeys(ctx context.Context, keys []string) (map[string]driver.Order, error) {
	found := make(map[string]driver.Order, len(keys))
	if len(keys) == 0 {
		return found, nil
	}
	rows, err := t.tx.Query(ctx, qOrdersByKeys, keys)
	if err != nil {
		return nil, fmt.Errorf("finding orders by idempotency key: %w", pg.InterpretError(err))
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, fmt.Errorf("reading order by idempotency key: %w", err)
		}
		found[o.IdempotencyKey] = o
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("finding orders by idempotency key: %w", pg.InterpretError(err))
	}
	return found, nil
}

func (t *tx) SetOrderStatuses(ctx context.Context, outcomes []driver.OrderOutcome) error {
	if len(outcomes) == 0 {
		return nil
	}
	n := len(outcomes)
	ids, statuses, reasons, sagaIDs := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, o := range outcomes {
		ids[i], statuses[i], reasons[i], sagaIDs[i] = o.ID, string(o.Status), o.Reason, o.SagaID
	}
	tag, err := t.tx.Exec(ctx, qSetOrderStatuses, ids, statuses, reasons, sagaIDs)
	if err != nil {
		return fmt.Errorf("setting status of %d orders (first %s): %w", len(ids), ids[0], pg.InterpretError(err))
	}
	if n := tag.RowsAffected(); n != int64(len(distinct(ids))) {
		return fmt.Errorf("setting status of %d orders (first %s): %d found: %w", len(ids), ids[0], n, saga.ErrNotFound)
	}
	return nil
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

func (t *tx) SaveSaga(ctx context.Context, in *saga.Instance) error {
	steps, err := json.Marshal(in.Steps)
	if err != nil {
		return fmt.Errorf("encoding steps of saga %s: %w", in.ID, err)
	}
	tag, err := t.tx.Exec(ctx, qUpdateSaga, in.ID, in.Version, string(in.State), []byte(in.Data),
		steps, in.Failure, in.UpdatedAt, in.CompletedAt, in.NextDeadline())
	if err != nil {
		return fmt.Errorf("saving saga %s: %w", in.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("saving saga %s at version %d: %w", in.ID, in.Version, saga.ErrConflict)
	}
	in.Version++
	return nil
}

func (t *tx) AppendHistory(ctx context.Context, sagaID string, hs []saga.HistoryEntry) error {
	if len(hs) == 0 {
		return nil
	}
	cols := historyColumns(hs)
	_, err := t.tx.Exec(ctx, qInsertHistory, sagaID, cols.at, cols.kind, cols.step, cols.msgType, cols.msgID, cols.detail)
	if err != nil {
		return fmt.Errorf("appending history of saga %s: %w", sagaID, err)
	}
	return nil
}

// orderCols are orders as the column arrays of one INSERT.
type orderCols struct {
	ids, customers, items, statuses, sagaIDs, reasons, keys, hashes []string
	totals                                                          []int64
	createdAt                                                       []time.Time
	anyKey                                                          bool
}

func orderColumns(orders []driver.Order) (orderCols, error) {
	var c orderCols
	for _, o := range orders {
		items, err := json.Marshal(o.Items)
		if err != nil {
			return c, fmt.Errorf("encoding items of order %s: %w", o.ID, err)
		}
		c.ids, c.customers, c.items = append(c.ids, o.ID), append(c.customers, o.CustomerID), append(c.items, string(items))
		c.totals, c.statuses = append(c.totals, o.TotalCents), append(c.statuses, string(o.Status))
		c.sagaIDs, c.reasons, c.keys = append(c.sagaIDs, o.SagaID), append(c.reasons, o.Reason), append(c.keys, o.IdempotencyKey)
		c.hashes, c.createdAt = append(c.hashes, o.RequestHash), append(c.createdAt, o.CreatedAt)
		c.anyKey = c.anyKey || o.IdempotencyKey != ""
	}
	return c, nil
}

// distinct returns ids without repeats.
func distinct(ids []string) map[string]struct{} {
	set := make(map[string]struct{}, len(ids))
	for _, id := range ids {
		set[id] = struct{}{}
	}
	return set
}
