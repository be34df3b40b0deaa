package pgdriver

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/pg"
)

func (t *tx) LoadSagas(ctx context.Context, ids []string) (map[string]*saga.Instance, error) {
	rows, err := t.tx.Query(ctx, qLoadSagas, ids)
	if err != nil {
		return nil, fmt.Errorf("loading %d sagas: %w", len(ids), err)
	}
	return scanSagas(rows, len(ids))
}

// MarkProcessedAndLoadSagas records messageIDs in consumer's inbox and
// loads sagaIDs in one round trip.
func (t *tx) MarkProcessedAndLoadSagas(ctx context.Context, consumer string, messageIDs, sagaIDs []string) (
	map[string]bool, map[string]*saga.Instance, error) {
	b := &pgx.Batch{}
	pg.QueueMarkProcessed(b, consumer, messageIDs)
	b.Queue(qLoadSagas, sagaIDs)
	br := t.tx.SendBatch(ctx, b)
	defer br.Close()
	first, err := pg.ReadProcessed(br)
	if err != nil {
		return nil, nil, fmt.Errorf("recording %d messages as processed by %s: %w", len(messageIDs), consumer, err)
	}
	rows, err := br.Query()
	if err != nil {
		return nil, nil, fmt.Errorf("loading %d sagas: %w", len(sagaIDs), err)
	}
	insts, err := scanSagas(rows, len(sagaIDs))
	if err != nil {
		return nil, nil, err
	}
	return first, insts, br.Close()
}

// scanSagas reads the sagas of a load and closes rows.
func scanSagas(rows pgx.Rows, n int) (map[string]*saga.Instance, error) {
	defer rows.Close()
	out := make(map[string]*saga.Instance, n)
	for rows.Next() {
		in, err := scanSaga(rows)
		if err != nil {
			return nil, fmt.Errorf("loading sagas: %w", err)
		}
		out[in.ID] = in
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("loading sagas: %w", err)
	}
	return out, nil
}

// sagaCols are the columns of a multi-row saga update.
type sagaCols struct {
	ids, states, failures []string
	versions              []int64
	data, steps           [][]byte
	updated               []time.Time
	completed, deadlines  []*time.Time
}

func (c *sagaCols) add(in *saga.Instance) error {
	steps, err := json.Marshal(in.Steps)
	if err != nil {
		return fmt.Errorf("encoding steps of saga %s: %w", in.ID, err)
	}
	c.ids, c.states, c.failures = append(c.ids, in.ID), append(c.states, string(in.State)), append(c.failures, in.Failure)
	c.versions, c.data, c.steps = append(c.versions, in.Version), append(c.data, []byte(in.Data)), append(c.steps, steps)
	c.updated, c.completed = append(c.updated, in.UpdatedAt), append(c.completed, in.CompletedAt)
	c.deadlines = append(c.deadlines, in.NextDeadline())
	return nil
}

// SaveSagas writes insts at their versions in one statement and
// increments their versions. The statement travels with the
// transaction's next one or its COMMIT (pg.ExecLaterMapErr): a stale
// version fails that statement or Commit with saga.ErrConflict, and
// nothing of the transaction is kept.
func (t *tx) SaveSagas(ctx context.Context, insts []*saga.Instance) error {
	if len(insts) == 0 {
		return nil
	}
	var c sagaCols
	for _, in := range insts {
		if err := c.add(in); err != nil {
			return err
		}
	}
	err := pg.ExecLaterMapErr(ctx, t.tx, savingWhat(insts), qUpdateSagas, sagaSaveError,
		c.ids, c.versions, c.states, c.data, c.steps, c.failures, c.updated, c.completed, c.deadlines,
		int64(len(insts)))
	if err != nil {
		return err
	}
	for _, in := range insts {
		in.Version++
	}
	return nil
}

// sagaSaveError maps the saga save's errors: a stale version
// (pg.IsRowCountCheck) is saga.ErrConflict.
func sagaSaveError(err error) error {
	if pg.IsRowCountCheck(err) {
		return fmt.Errorf("a saga is not at the version it was loaded at: %w", saga.ErrConflict)
	}
	return pg.InterpretError(err)
}

// savingWhat names a save in its errors.
func savingWhat(insts []*saga.Instance) string {
	if len(insts) == 1 {
		return fmt.Sprintf("saving saga %s at version %d", insts[0].ID, insts[0].Version)
	}
	return fmt.Sprintf("saving %d sagas (first: %s at version %d)", len(insts), insts[0].ID, insts[0].Version)
}

func (t *tx) AppendHistories(ctx context.Context, entries map[string][]saga.HistoryEntry) error {
	var ids []string
	var cols historyCols
	for id, hs := range entries {
		for range hs {
			ids = append(ids, id)
		}
		c := historyColumns(hs)
		cols.at, cols.kind, cols.step = append(cols.at, c.at...), append(cols.kind, c.kind...), append(cols.step, c.step...)
		cols.msgType, cols.msgID, cols.detail = append(cols.msgType, c.msgType...), append(cols.msgID, c.msgID...), append(cols.detail, c.detail...)
	}
	if len(ids) == 0 {
		return nil
	}
	// Nothing reads the result: the insert travels with the next statement.
	return pg.ExecAtCommit(ctx, t.tx, fmt.Sprintf("appending history of %d sagas", len(entries)),
		qInsertHistories, ids, cols.at, cols.kind, cols.step, cols.msgType, cols.msgID, cols.detail)
}

func (t *tx) CreateSagas(ctx context.Context, insts []*saga.Instance) (map[string]bool, error) {
	if len(insts) == 0 {
		return map[string]bool{}, nil
	}
	args, err := insertArgs(insts)
	if err != nil {
		return nil, err
	}
	rows, err := t.tx.Query(ctx, qInsertSagas, args...)
	if err != nil {
		return nil, fmt.Errorf("inserting %d sagas: %w", len(insts), err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("inserting %d sagas: %w", len(insts), err)
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// CreateFreshSagas inserts insts with the transaction's next round trip
// (pg.ExecLaterMapErr): nothing is read back, and an id that exists fails
// that round trip with saga.ErrDuplicate.
func (t *tx) CreateFreshSagas(ctx context.Context, insts []*saga.Instance) error {
	if len(insts) == 0 {
		return nil
	}
	args, err := insertArgs(insts)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("inserting %d new sagas (first %s)", len(insts), insts[0].ID)
	return pg.ExecLaterMapErr(ctx, t.tx, what, qInsertFreshSagas, freshSagaError, args...)
}

// freshSagaError maps CreateFreshSagas' errors: a unique violation is an
// id that exists.
func freshSagaError(err error) error {
	if pg.IsUniqueViolation(err) {
		return fmt.Errorf("a saga with one of these ids exists: %w", saga.ErrDuplicate)
	}
	return pg.InterpretError(err)
}

// insertArgs are the columns of qInsertSagas and qInsertFreshSagas for insts.
func insertArgs(insts []*saga.Instance) ([]any, error) {
	var c sagaCols
	var types, corr, traces, parked []string
	var created []time.Time
	var defVersions []int
	for _, in := range insts {
		if err := c.add(in); err != nil {
			return nil, err
		}
		types, corr, traces = append(types, in.Type), append(corr, in.CorrelationID), append(traces, in.TraceParent)
		created, defVersions, parked = append(created, in.CreatedAt), append(defVersions, definitionVersion(in)), append(parked, in.Parked)
	}
	return []any{c.ids, types, c.states, c.data, c.steps, c.versions,
		corr, traces, c.failures, created, c.updated, c.completed, defVersions, parked, c.deadlines}, nil
}
