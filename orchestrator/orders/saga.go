package orders

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// EventsConsumer names the orders.events handler in the inbox.
const EventsConsumer = "orchestrator.orders"

// Events handles orders.events: OrderCreated starts the order saga unless
// it exists (orders placed by a Service with a start function started it
// in their own transaction; orders placed by older versions, and those the
// sweeper sends again, did not); the other events on the stream are the
// orchestrator's own announcements and are acknowledged without effect.
type Events struct {
	store  driver.Store
	orders orderstore.Store
	start  StartFunc
	log    *logrus.Entry
	// started are the sagas the process's Service started with their
	// orders: their OrderCreated needs no lookup.
	started *startedHere
	// careful are the sagas whose orders did not take their outcome when
	// finished on that condition (finishLater).
	careful careful
}

// StartFunc starts sagas of a type in a transaction (engine.StartManyTx,
// or engine.StartFreshManyTx for sagas whose ids were just made).
type StartFunc func(ctx context.Context, tx driver.Tx, sagaType string, ins []saga.StartInput) error

// NewEvents wires the OrderCreated handler and the order saga's finish
// hook (Finish) into e, over orders, the order store on e's database;
// subscribe HandleBatch to ordersaga.EventsStream. placed, when not nil,
// is the Service placing orders in this process: the OrderCreated of an
// order it placed with its saga is acknowledged without a lookup.
func NewEvents(e *engine.Engine, orders orderstore.Store, placed *Service) *Events {
	ev := NewEventsOn(e.Store(), orders, e.StartManyTx, e.Logger())
	if placed != nil {
		ev.started = placed.started
	}
	e.OnFinish(ordersaga.SagaType, ev.Finish)
	return ev
}

// NewEventsOn is the OrderCreated handler over st, the engine's store, and
// orders, starting sagas with start; the caller wires Finish as the order
// saga's finish hook.
func NewEventsOn(st driver.Store, orders orderstore.Store, start StartFunc, log *logrus.Entry) *Events {
	return &Events{store: st, orders: orders, start: start, log: log}
}

// Handle is the transport.Handler of orders.events.
func (e *Events) Handle(ctx context.Context, msg transport.Message) error {
	c, skip, err := e.decode(msg)
	if err != nil || skip {
		return e.settleRejected(ctx, msg, err)
	}
	return e.settleRejected(ctx, msg, e.startAlone(ctx, c))
}

// HandleBatch is the transport.BatchHandler of orders.events: the sagas of one
// read start in one transaction, each on its own if that fails.
func (e *Events) HandleBatch(ctx context.Context, msgs []transport.Message) []error {
	errs := driver.Batch[created]{Store: e.store, Decode: e.decode,
		Apply: e.startAll, Alone: e.startAlone}.Handle(ctx, msgs)
	for i, err := range errs {
		errs[i] = e.settleRejected(ctx, msgs[i], err)
	}
	return errs
}

// startAll starts the sagas of a read with set-based statements. An
// OrderCreated whose saga exists changes nothing: one read tells.
func (e *Events) startAll(ctx context.Context, tx driver.Tx, cs []created) error {
	cs, err := unstarted(ctx, tx, cs)
	if err != nil || len(cs) == 0 {
		return err
	}
	orders, err := withOrders(e.orders, tx)
	if err != nil {
		return err
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.env.MessageID
	}
	first, err := tx.MarkProcessedMany(ctx, EventsConsumer, ids)
	if err != nil {
		return err
	}
	var fresh []created
	var sagaIDs []string
	for _, c := range cs {
		if first[c.env.MessageID] {
			delete(first, c.env.MessageID)
			fresh, sagaIDs = append(fresh, c), append(sagaIDs, c.env.SagaID)
		}
	}
	owners, err := ownersOf(ctx, orders, sagaIDs)
	if err != nil {
		return err
	}
	var ins []saga.StartInput
	for _, c := range fresh {
		if e.mayStart(c, owners) {
			ins = append(ins, startInput(c))
		}
	}
	return e.start(ctx, tx, ordersaga.SagaType, ins)
}

// unstarted is cs without the events whose saga exists.
func unstarted(ctx context.Context, tx driver.Tx, cs []created) ([]created, error) {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = canonical(c.env.SagaID)
	}
	found, err := tx.LoadSagas(ctx, ids)
	if err != nil || len(found) == 0 {
		return cs, err
	}
	exists := make(map[string]bool, len(found))
	for id := range found {
		exists[canonical(id)] = true
	}
	var out []created
	for _, c := range cs {
		if !exists[canonical(c.env.SagaID)] {
			out = append(out, c)
		}
	}
	return out, nil
}

func startInput(c created) saga.StartInput {
	return saga.StartInput{
		ID: c.env.SagaID, CorrelationID: c.data.OrderID, TraceParent: c.env.TraceParent, Data: c.env.Data,
		TriggerID: c.env.MessageID, TriggerType: c.env.Type,
	}
}

// created is a decoded OrderCreated.
type created struct {
	env  saga.Envelope
	data ordersaga.Data
}

// decode is decodeCreated that also skips the OrderCreated of a saga this
// process started with its order. The entry's type and saga_id fields
// tell both that and the orchestrator's own announcements apart before
// any JSON is decoded: most entries of orders.events are one or the
// other.
func (e *Events) decode(msg transport.Message) (created, bool, error) {
	typ, sagaID := msg.Fields[transport.FieldType], msg.Fields[transport.FieldSagaID]
	switch {
	case typ != "" && typ != ordersaga.OrderCreated:
		return created{}, true, nil
	case typ == ordersaga.OrderCreated && sagaID != "" && e.started.take(sagaID):
		return created{}, true, nil
	}
	c, skip, err := decodeCreated(msg)
	if err == nil && !skip && e.started.take(c.env.SagaID) {
		return c, true, nil
	}
	return c, skip, err
}

// decodeCreated reads an orders.events entry; events other than
// OrderCreated are the orchestrator's own announcements and are skipped.
func decodeCreated(msg transport.Message) (created, bool, error) {
	env, err := saga.DecodeEnvelope(msg.Envelope())
	if err != nil {
		return created{}, false, err
	}
	if env.Type != ordersaga.OrderCreated {
		return created{}, true, nil
	}
	data, err := ordersaga.Decode(env.Data)
	if err != nil || !saga.ValidID(env.SagaID) || data.OrderID == "" {
		return created{}, false, saga.Permanent(fmt.Errorf("OrderCreated %s is malformed: saga_id %q, %v", env.MessageID, env.SagaID, err))
	}
	return created{env: env, data: data}, false, nil
}

func (e *Events) startAlone(ctx context.Context, c created) error {
	return e.store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return e.startAll(ctx, tx, []created{c}) })
}

// Finish records the orders' outcomes when their sagas end and announces
// them on orders.events: one statement sets the statuses and returns the
// orders it changed, one writes the events, one the history lines,
// however many sagas a batch finished. A FAILED saga leaves its order
// PENDING: it needs an operator. A saga that is not the one its order was
// placed with changes no order. A repeated call changes nothing: an order
// that already has its saga's outcome is neither written nor announced
// again. On an order store that is an orderstore.LaterFinisher the
// orders' update travels with the commit on the condition that every
// order changes; when one does not, the commit fails with saga.ErrConflict,
// on which the engine runs the transaction again, and the hook then reads
// which orders changed.
func (e *Events) Finish(ctx context.Context, etx driver.Tx, insts []*saga.Instance) error {
	tx, err := withOrders(e.orders, etx)
	if err != nil {
		return err
	}
	ended, err := endedOrders(insts)
	if err != nil || len(ended) == 0 {
		return err
	}
	outcomes := make([]orderstore.OrderOutcome, len(ended))
	for i, x := range ended {
		outcomes[i] = x.outcome
	}
	ids := sagaIDsOf(ended)
	if lf, ok := tx.Tx.(orderstore.LaterFinisher); ok && e.mayFinishLater(ended, ids) {
		return e.finishLater(ctx, etx, lf, ended, outcomes, ids)
	}
	e.careful.forget(ids)
	changed, err := tx.FinishOrders(ctx, outcomes)
	if err != nil {
		return err
	}
	owners, err := ownersOfUnchanged(ctx, tx, ended, changed)
	if err != nil {
		return err
	}
	took := ended[:0:0]
	history := map[string][]saga.HistoryEntry{}
	for _, x := range ended {
		if _, ok := changed[canonical(x.inst.ID)]; ok {
			took = append(took, x)
		} else if !ownsOrder(x.inst, x.data.OrderID, owners) {
			history[x.inst.ID] = append(history[x.inst.ID], notTheOrdersSaga(x.inst, x.data.OrderID))
		}
	}
	return announce(ctx, etx, took, history)
}

// announce writes the outcome events of the orders that took them, and
// their history lines with those already in history.
func announce(ctx context.Context, etx driver.Tx, took []ended, history map[string][]saga.HistoryEntry) error {
	msgs := make([]outbox.Message, 0, len(took))
	for _, x := range took {
		msg, line, err := announcement(x.inst, x.data, x.event)
		if err != nil {
			return err
		}
		msgs = append(msgs, msg)
		history[x.inst.ID] = append(history[x.inst.ID], line)
	}
	if err := etx.AddMessages(ctx, msgs); err != nil {
		return err
	}
	return etx.AppendHistories(ctx, history)
}

// finishLater is Finish on the condition that every order takes its
// saga's outcome, as it does unless an order already has it or belongs to
// another saga: the orders' update, the events and the history lines
// travel with the commit. If an order does not change, the transaction
// fails with saga.ErrConflict and is tried again, and the sagas, now
// careful, are finished reading which orders changed.
func (e *Events) finishLater(ctx context.Context, etx driver.Tx, lf orderstore.LaterFinisher,
	ended []ended, outcomes []orderstore.OrderOutcome, ids []string) error {
	if err := lf.FinishAllOrders(ctx, outcomes, func() { e.careful.add(ids) }); err != nil {
		return err
	}
	return announce(ctx, etx, ended, make(map[string][]saga.HistoryEntry, len(ended)))
}

// mayFinishLater reports whether ended, of the sagas ids, may be finished
// on the condition that every order changes: one saga each, with UUID ids,
// none of them careful.
func (e *Events) mayFinishLater(ended []ended, ids []string) bool {
	seen := make(map[string]bool, len(ended))
	for _, x := range ended {
		id := canonical(x.inst.ID)
		if seen[id] || !saga.ValidID(x.inst.ID) || !saga.ValidID(x.data.OrderID) {
			return false
		}
		seen[id] = true
	}
	return !e.careful.any(ids)
}

func sagaIDsOf(ended []ended) []string {
	ids := make([]string, len(ended))
	for i, x := range ended {
		ids[i] = x.inst.ID
	}
	return ids
}

// outcomeOf maps a finished saga to its order's status and event.
func outcomeOf(inst *saga.Instance) (orderstore.OrderStatus, string, bool) {
	switch inst.State {
	case saga.StateCompleted:
		return orderstore.OrderApproved, ordersaga.OrderApproved, true
	case saga.StateCompensated:
		return orderstore.OrderRejected, ordersaga.OrderRejected, true
	default:
		return "", "", false
	}
}

// announcement is the outbox row of the order's outcome event and the
// history line that records it.
func announcement(inst *saga.Instance, d ordersaga.Data, eventType string) (outbox.Message, saga.HistoryEntry, error) {
	body, err := json.Marshal(ordersaga.OutcomeData{OrderID: d.OrderID, SagaID: inst.ID,
		CustomerID: d.CustomerID, TotalCents: d.TotalCents, Reason: inst.Failure})
	if err != nil {
		return outbox.Message{}, saga.HistoryEntry{}, fmt.Errorf("encoding %s: %w", eventType, err)
	}
	id := saga.DerivedID(inst.ID, eventType)
	msg, err := outbox.FromEnvelope(ordersaga.EventsStream, saga.Envelope{
		MessageID: id, Type: eventType, SagaID: inst.ID,
		SagaType: inst.Type, CorrelationID: d.OrderID, TraceParent: saga.ChildTraceParent(inst.TraceParent),
		Time: inst.UpdatedAt, Data: body,
	})
	if err != nil {
		return outbox.Message{}, saga.HistoryEntry{}, err
	}
	return msg, saga.HistoryEntry{At: inst.UpdatedAt, Kind: saga.HistoryEventEmitted,
		MessageType: eventType, MessageID: id, Detail: "order " + d.OrderID}, nil
}
