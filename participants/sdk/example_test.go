package sdk_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// memTx is a transaction over an in-memory state: enough to show the SDK.
type memTx struct {
	inbox   map[string]bool
	barrier map[barrier.Key]barrier.Record
	outbox  []outbox.Message
	booked  map[string]bool // the service's own state: rooms booked by saga
}

func (t *memTx) AddMessages(_ context.Context, msgs []outbox.Message) error {
	t.outbox = append(t.outbox, msgs...)
	return nil
}

func (t *memTx) MarkProcessed(_ context.Context, consumer, id string) (bool, error) {
	first := !t.inbox[consumer+"/"+id]
	t.inbox[consumer+"/"+id] = true
	return first, nil
}

func (t *memTx) MarkProcessedMany(ctx context.Context, consumer string, ids []string) (map[string]bool, error) {
	first := map[string]bool{}
	for _, id := range ids {
		if ok, _ := t.MarkProcessed(ctx, consumer, id); ok {
			first[id] = true
		}
	}
	return first, nil
}

func (t *memTx) LockBarriers(_ context.Context, keys []barrier.Key) (map[barrier.Key]barrier.Record, error) {
	recs := make(map[barrier.Key]barrier.Record, len(keys))
	for _, k := range keys {
		r, ok := t.barrier[k]
		if !ok {
			r = barrier.Empty(k)
			t.barrier[k] = r
		}
		recs[k] = r
	}
	return recs, nil
}

func (t *memTx) SaveBarriers(_ context.Context, recs []barrier.Record) error {
	for _, r := range recs {
		if _, ok := t.barrier[r.Key()]; !ok {
			return fmt.Errorf("saving barrier of saga %s step %s: %w", r.SagaID, r.Step, saga.ErrNotFound)
		}
		t.barrier[r.Key()] = r
	}
	return nil
}

// memStore commits a transaction by keeping its copy of the state.
type memStore struct{ state *memTx }

func (s *memStore) InTx(ctx context.Context, fn func(ctx context.Context, tx *memTx) error) error {
	tx := &memTx{inbox: maps.Clone(s.state.inbox), barrier: maps.Clone(s.state.barrier),
		outbox: slices.Clone(s.state.outbox), booked: maps.Clone(s.state.booked)}
	if err := fn(ctx, tx); err != nil {
		return err
	}
	s.state = tx
	return nil
}

func entry(typ, sagaID string) transport.Message {
	env := saga.Envelope{MessageID: saga.NewID(), Type: typ, SagaID: sagaID, Step: "hotel",
		ReplyTo: "orchestrator.replies", Time: time.Now()}
	b, _ := env.Encode()
	return transport.Message{ID: "1-0", Fields: map[string]string{stream.FieldEnvelope: string(b)}}
}

// A hotel participant books a room and cancels it. The cancellation of saga
// s2 arrives before its booking, so the late booking is refused.
func Example() {
	store := &memStore{state: &memTx{inbox: map[string]bool{}, barrier: map[barrier.Key]barrier.Record{}, booked: map[string]bool{}}}
	p, _ := sdk.New[*memTx](store, sdk.Config{Name: "hotel", Logger: quietLogger()})
	_ = p.OnAction("BookRoom", "RoomBooked", "RoomUnavailable",
		func(_ context.Context, tx *memTx, cmd saga.Envelope) (sdk.Outcome, error) {
			tx.booked[cmd.SagaID] = true
			return sdk.Succeed(map[string]string{"room": "101"}), nil
		})
	_ = p.OnCompensation("CancelRoom", "RoomCancelled",
		func(_ context.Context, tx *memTx, cmd saga.Envelope) error {
			delete(tx.booked, cmd.SagaID)
			return nil
		})

	ctx := context.Background()
	book := entry("BookRoom", "7d1f6f4e-0000-4000-8000-000000000001")
	_ = p.Handle(ctx, book)
	_ = p.Handle(ctx, book) // a duplicate delivery: no effect, the same reply again
	late := "7d1f6f4e-0000-4000-8000-000000000002"
	_ = p.Handle(ctx, entry("CancelRoom", late))
	_ = p.Handle(ctx, entry("BookRoom", late))

	for _, m := range store.state.outbox {
		env, _ := saga.DecodeEnvelope(m.Payload)
		fmt.Println(env.Type, string(env.Data), env.Error != nil)
	}
	fmt.Println("rooms booked:", len(store.state.booked))
	// Output:
	// RoomBooked {"room":"101"} false
	// RoomBooked {"room":"101"} false
	// RoomCancelled  false
	// RoomUnavailable  true
	// rooms booked: 1
}
