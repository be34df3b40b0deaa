package barrier

import (
	"context"
	"fmt"
)

// Action is what became of a step's action at a participant.
type Action string

// Action outcomes.
const (
	ActionNone      Action = "NONE"
	ActionSucceeded Action = "SUCCEEDED"
	ActionFailed    Action = "FAILED"
)

// Record is the barrier row of one step of one saga.
type Record struct {
	SagaID      string
	Step        string
	Action      Action
	Compensated bool
	// ReplyType, ReplyData and ReplyError are the answer given to the
	// action, sent again if the action is repeated.
	ReplyType  string
	ReplyData  []byte
	ReplyError string
}

// Key names the barrier record of one saga's step at a participant.
type Key struct {
	SagaID string
	Step   string
}

// Key returns the key of r.
func (r Record) Key() Key { return Key{SagaID: r.SagaID, Step: r.Step} }

// Empty returns the record of a step nothing has happened to yet.
func Empty(k Key) Record { return Record{SagaID: k.SagaID, Step: k.Step, Action: ActionNone} }

// Store keeps barrier records inside the caller's transaction. Both methods
// take many records so that a batch of commands costs one statement each.
type Store interface {
	// LockBarriers returns the records of keys, an empty one (ActionNone)
	// for a key that has none yet, and holds them locked until the
	// transaction ends so concurrent commands for a step serialise. It
	// locks in a fixed order (saga id, then step) whatever the order of
	// keys, so two batches over the same steps cannot deadlock on them.
	LockBarriers(ctx context.Context, keys []Key) (map[Key]Record, error)
	// SaveBarriers writes the records, which LockBarriers must have
	// created in the same transaction. A store may send the write with
	// the transaction's next statement or its commit, which then fail
	// with its error.
	SaveBarriers(ctx context.Context, recs []Record) error
}

// FreshCreator is a Store that can create records on the condition that
// none of them exists, without reading them back: what a participant
// does for the first delivery of a command, when it expects no record.
// The records start empty (Empty) and stay locked until the transaction
// ends, as with LockBarriers. If one of keys (distinct) has a record
// already, CreateFresh, or the statement or commit its insert travelled
// with, fails with an error wrapping saga.ErrConflict, and the
// transaction keeps nothing. A store may send the insert with the
// transaction's next statement.
type FreshCreator interface {
	CreateFresh(ctx context.Context, keys []Key) error
}

// Lock locks and returns the record of one key through s.
func Lock(ctx context.Context, s Store, k Key) (Record, error) {
	recs, err := s.LockBarriers(ctx, []Key{k})
	if err != nil {
		return Record{}, err
	}
	r, ok := recs[k]
	if !ok {
		return Record{}, fmt.Errorf("barrier store returned no record for saga %s step %s", k.SagaID, k.Step)
	}
	return r, nil
}

// LastPerKey keeps the last record of each key, in the order of their
// first appearance: what a store saving recs one after the other keeps.
func LastPerKey(recs []Record) []Record {
	at := make(map[Key]int, len(recs))
	out := make([]Record, 0, len(recs))
	for _, r := range recs {
		if i, ok := at[r.Key()]; ok {
			out[i] = r
			continue
		}
		at[r.Key()] = len(out)
		out = append(out, r)
	}
	return out
}
