package driver

import (
	"context"
	"errors"
	"time"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// ErrIdempotencyKeyUsed is returned by CreateKeyedSaga when another saga
// holds the idempotency key. Applications' stores return it for their own
// keyed rows too, so that one check covers both.
var ErrIdempotencyKeyUsed = errors.New("idempotency key already used")

// Cursor is a position in the newest-first list of sagas.
type Cursor struct {
	CreatedAt time.Time
	ID        string
}

// ListQuery selects sagas, newest first.
type ListQuery struct {
	// State filters by state; empty means every state.
	State saga.State
	// Limit is the page size.
	Limit int
	// After continues a listing after this saga; nil starts at the newest.
	After *Cursor
}

// Store is the engine's storage.
type Store interface {
	// InTx runs fn in one transaction and commits it.
	InTx(ctx context.Context, fn func(ctx context.Context, tx Tx) error) error
	GetSaga(ctx context.Context, id string) (*saga.Instance, error)
	History(ctx context.Context, sagaID string) ([]saga.HistoryEntry, error)
	// HistoryPage reads up to limit lines of a saga's history, oldest
	// first, after the line whose Seq is after (0: from the first line).
	HistoryPage(ctx context.Context, sagaID string, after int64, limit int) ([]saga.HistoryEntry, error)
	ListSagas(ctx context.Context, q ListQuery) ([]*saga.Instance, error)
	// IgnoredReplies is how many replies a saga ignored (or
	// saga.ErrNotFound).
	IgnoredReplies(ctx context.Context, sagaID string) (int, error)
	// CountSagasByState counts the sagas in each state: every state of
	// saga.States is in the map, zero when no saga is in it.
	CountSagasByState(ctx context.Context) (map[saga.State]int64, error)
	// PurgeSagas deletes at most batch finished sagas that completed before
	// olderThan, with their history, in a transaction of its own, oldest
	// first, and returns how many sagas it deleted; fewer than batch means
	// none older is left (but those another purge holds). Only COMPLETED
	// and COMPENSATED sagas go: a FAILED one waits for an operator, who may
	// retry it however old it is; a RUNNING or COMPENSATING one is not
	// finished; a parked one is never purged. ErrBadBatch for a batch
	// below 1.
	PurgeSagas(ctx context.Context, olderThan time.Time, batch int) (int64, error)
	Ping(ctx context.Context) error
}

// ErrBadBatch is returned by PurgeSagas given a batch size below 1.
var ErrBadBatch = errors.New("purging sagas: batch size is not positive")

// Tx is one transaction of the engine. An application that keeps its own
// tables in the same database runs its statements in it through the
// driver's Unwrap (pgdriver, sqlitedriver), so they commit together.
type Tx interface {
	outbox.Writer
	inbox.Inbox
	// CreateSaga stores a new instance; saga.ErrDuplicate if it exists.
	CreateSaga(ctx context.Context, inst *saga.Instance) error
	// CreateKeyedSaga is CreateSaga for a saga started by a request, with
	// the request's key (none when key.Key is empty); ErrIdempotencyKeyUsed,
	// and nothing stored, if another saga holds the key.
	CreateKeyedSaga(ctx context.Context, inst *saga.Instance, key RequestKey) error
	// SagaByIdempotencyKey finds the saga started with key and the key as
	// stored with it; saga.ErrNotFound if no saga holds key.
	SagaByIdempotencyKey(ctx context.Context, key string) (*saga.Instance, RequestKey, error)
	// LoadSaga reads an instance for update by SaveSaga.
	LoadSaga(ctx context.Context, id string) (*saga.Instance, error)
	// SaveSaga writes inst if its version is still the stored one and
	// increments inst.Version; saga.ErrConflict otherwise. A store may
	// send the write with the transaction's next statement or its commit,
	// which then fail with saga.ErrConflict, and nothing of the
	// transaction is kept.
	SaveSaga(ctx context.Context, inst *saga.Instance) error
	// AppendHistory adds lines to a saga's history.
	AppendHistory(ctx context.Context, sagaID string, entries []saga.HistoryEntry) error
	// LoadSagas reads many instances at once, by id; missing ids are
	// absent from the map.
	LoadSagas(ctx context.Context, ids []string) (map[string]*saga.Instance, error)
	// SaveSagas is SaveSaga for many instances in one statement; if any
	// version check fails nothing may be kept (saga.ErrConflict, and the
	// caller rolls back). Like SaveSaga, the error may come from the
	// transaction's next statement or its commit.
	SaveSagas(ctx context.Context, insts []*saga.Instance) error
	// CreateSagas stores many new instances at once and returns the ids it
	// created; an id that exists already is left as it is.
	CreateSagas(ctx context.Context, insts []*saga.Instance) (map[string]bool, error)
	// AppendHistories adds the lines of many sagas at once.
	AppendHistories(ctx context.Context, entries map[string][]saga.HistoryEntry) error
	// ClaimDueSagas locks up to limit unfinished sagas whose next deadline
	// is at or before now, skipping sagas other transactions hold, so
	// several orchestrators never act on one timer twice.
	ClaimDueSagas(ctx context.Context, now time.Time, limit int) ([]string, error)
	// CountIgnoredReplies adds counts[sagaID] to each saga's count of
	// replies it ignored and returns the new counts (sagas that do not
	// exist are left out).
	CountIgnoredReplies(ctx context.Context, counts map[string]int) (map[string]int, error)
	// RecordDefinition stores rec unless its (type, version) is stored
	// already, and returns the stored record: rec itself when it is new.
	RecordDefinition(ctx context.Context, rec DefinitionRecord) (DefinitionRecord, error)
	// ParkSagas sets sagas aside with their reasons and clears their next
	// deadline, so that no timer claims them.
	ParkSagas(ctx context.Context, parks []Park, at time.Time) error
	// ParkedSagas locks up to limit parked sagas, skipping locked ones.
	ParkedSagas(ctx context.Context, limit int) ([]*saga.Instance, error)
	// UnparkSagas takes parked sagas up again: not parked, and due at at.
	UnparkSagas(ctx context.Context, ids []string, at time.Time) error
}

// FreshMarker is a Tx that records messages in the inbox on the condition
// that none of them is there yet. It is optional: the engine, when it
// still holds a saga as it saved it, applies a reply to it without loading
// it first, and records the reply with MarkFresh; a Tx without it has its
// sagas loaded for every reply.
type FreshMarker interface {
	// MarkFresh records messageIDs (distinct) as processed by consumer. If
	// one of them was recorded before, MarkFresh or the transaction's
	// commit fails with an error wrapping saga.ErrConflict, and the
	// transaction keeps nothing.
	MarkFresh(ctx context.Context, consumer string, messageIDs []string) error
}

// FreshCreator is a Tx that stores sagas whose ids were just made
// (saga.NewID) without reading anything back. It is optional: the engine's
// StartFreshManyTx uses CreateAllSagas on a Tx without it.
type FreshCreator interface {
	// CreateFreshSagas stores insts on the condition that none of their
	// ids exists. The insert may travel with the transaction's next round
	// trip or its commit: if an id exists, CreateFreshSagas, that
	// statement or the commit fails with an error wrapping
	// saga.ErrDuplicate, and the transaction keeps nothing.
	CreateFreshSagas(ctx context.Context, insts []*saga.Instance) error
}

// ReplyLoader is a Tx that can record replies in the inbox and load their
// sagas in one round trip. It is optional: the engine calls
// MarkProcessedMany and then LoadSagas on a Tx without it.
type ReplyLoader interface {
	// MarkProcessedAndLoadSagas is MarkProcessedMany(consumer,
	// messageIDs) and LoadSagas(sagaIDs) together.
	MarkProcessedAndLoadSagas(ctx context.Context, consumer string, messageIDs, sagaIDs []string) (
		first map[string]bool, sagas map[string]*saga.Instance, err error)
}
