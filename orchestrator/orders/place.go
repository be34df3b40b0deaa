package orders

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// Placed is the result of placing an order.
type Placed struct {
	Order orderstore.Order
	// Replayed is true when the idempotency key returned an earlier order.
	Replayed bool
}

// Service places orders, sweeps those whose saga never started, and
// reads them (it is the API's orderstore.Reader).
type Service struct {
	store  driver.Store
	orders orderstore.Store
	now    func() time.Time
	group  *group
	// started remembers the sagas started with their orders (with a
	// start function only).
	started *startedHere
}

var _ orderstore.Reader = (*Service)(nil)

// NewService returns a Service over st, the engine's store, and orders, the
// order store over the same database. With start (engine.StartFreshManyTx,
// as every new order's saga id is new; st must then be the engine's Store,
// so the sagas are counted once committed), each new order's saga starts
// in the order's own transaction, and its OrderCreated only tells
// listeners; with a nil start the saga starts when Events handles
// OrderCreated.
func NewService(st driver.Store, orders orderstore.Store, start StartFunc) *Service {
	s := &Service{store: st, orders: orders, now: time.Now}
	if start != nil {
		s.started = newStartedHere(startedMemory)
	}
	s.group = &group{store: st, orders: orders, start: start, started: s.started, fallback: s.placeAlone}
	return s
}

// GetOrder reads an order; saga.ErrNotFound if there is none with id.
func (s *Service) GetOrder(ctx context.Context, id string) (orderstore.Order, error) {
	return s.orders.GetOrder(ctx, id)
}

// OrderBySagaID finds the order a saga belongs to, or saga.ErrNotFound.
func (s *Service) OrderBySagaID(ctx context.Context, sagaID string) (orderstore.Order, error) {
	return s.orders.OrderBySagaID(ctx, sagaID)
}

// Place validates req and stores the order with its OrderCreated event in
// one transaction, which it shares with the orders placed at the same time
// (see group). With an idempotency key, the same key and body return the
// first order; the same key with another body is a 409.
func (s *Service) Place(ctx context.Context, req PlaceRequest, key, traceParent string) (Placed, error) {
	total, err := req.Validate()
	if err != nil {
		return Placed{}, err
	}
	if err := CheckKey(key); err != nil {
		return Placed{}, err
	}
	o := s.newOrder(req, total, key)
	env, event, err := checkedEvent(o, traceParent)
	if err != nil {
		return Placed{}, err
	}
	return s.group.place(ctx, &placement{order: o, event: event, start: startOf(env)})
}

// checkedEvent encodes the order's OrderCreated event, as it will be
// written to the stream, and refuses (413) an order whose event (JSON
// escaping included: a '<' takes six bytes) is larger than the envelope
// every consumer accepts: it could never start its saga.
func checkedEvent(o orderstore.Order, traceParent string) (saga.Envelope, outbox.Message, error) {
	env, msg, err := createdEvent(o, traceParent)
	if err != nil {
		return env, outbox.Message{}, err
	}
	if len(msg.Payload) > saga.MaxEnvelopeBytes {
		return env, outbox.Message{}, httpx.Errorf(http.StatusRequestEntityTooLarge,
			"the order's OrderCreated event would take %d bytes once encoded (JSON escapes included), over the %d a stream entry may hold: send fewer items or shorter ids",
			len(msg.Payload), saga.MaxEnvelopeBytes)
	}
	return env, msg, nil
}

// startOf is the start of the saga an OrderCreated stands for, as Events
// would start it from env.
func startOf(env saga.Envelope) saga.StartInput {
	return saga.StartInput{
		ID: env.SagaID, CorrelationID: env.CorrelationID, TraceParent: env.TraceParent, Data: env.Data,
		TriggerID: env.MessageID, TriggerType: env.Type,
	}
}

// placeAlone places one order in its own transaction, trying again when
// its key was taken between the lookup and the insert.
func (s *Service) placeAlone(ctx context.Context, p *placement) (Placed, error) {
	for range 3 {
		placed, err := s.place(ctx, p)
		if !errors.Is(err, orderstore.ErrIdempotencyKeyUsed) {
			return placed, err
		}
	}
	return Placed{}, fmt.Errorf("placing order: idempotency key kept changing hands")
}

func (s *Service) newOrder(req PlaceRequest, total int64, key string) orderstore.Order {
	now := s.now().UTC().Truncate(time.Microsecond)
	return orderstore.Order{
		ID: saga.NewID(), SagaID: saga.NewID(), CustomerID: req.CustomerID, Items: req.Items,
		TotalCents: total, Status: orderstore.OrderPending, IdempotencyKey: key,
		RequestHash: requestHash(req), CreatedAt: now, UpdatedAt: now,
	}
}

func (s *Service) place(ctx context.Context, p *placement) (Placed, error) {
	var out Placed
	err := inTx(ctx, s.store, s.orders, func(ctx context.Context, tx orderTx) error {
		outs, errs := make([]Placed, 1), make([]error, 1)
		err := s.group.placeAll(ctx, tx, []*placement{p}, outs, errs)
		out = outs[0]
		if err != nil {
			return err
		}
		return errs[0]
	})
	if err == nil {
		s.group.remember([]Placed{out}, []error{nil})
	}
	return out, err
}

func checkSameRequest(prev, o orderstore.Order) error {
	if prev.RequestHash != o.RequestHash {
		return httpx.Errorf(http.StatusConflict, "Idempotency-Key was used for a different request")
	}
	return nil
}

// createdEvent is o's OrderCreated event and its outbox row.
func createdEvent(o orderstore.Order, traceParent string) (saga.Envelope, outbox.Message, error) {
	if saga.TraceID(traceParent) == "" {
		traceParent = saga.NewTraceParent()
	}
	data, err := json.Marshal(ordersaga.Data{OrderID: o.ID, CustomerID: o.CustomerID, Items: o.Items, TotalCents: o.TotalCents})
	if err != nil {
		return saga.Envelope{}, outbox.Message{}, fmt.Errorf("encoding OrderCreated: %w", err)
	}
	env := saga.Envelope{
		MessageID: saga.NewID(), Type: ordersaga.OrderCreated, SagaID: o.SagaID, SagaType: ordersaga.SagaType,
		CorrelationID: o.ID, TraceParent: traceParent, Time: o.CreatedAt, Data: data,
	}
	msg, err := outbox.FromEnvelope(ordersaga.EventsStream, env)
	return env, msg, err
}

// requestHash fingerprints the parsed request, so formatting differences in
// the JSON do not count as another body.
func requestHash(req PlaceRequest) string {
	b, _ := json.Marshal(req)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// SagaOfOrder is the id of the saga an order started; saga.ErrNotFound
// when no order has the id.
func (s *Service) SagaOfOrder(ctx context.Context, orderID string) (string, error) {
	o, err := s.GetOrder(ctx, orderID)
	if err != nil {
		return "", err
	}
	return o.SagaID, nil
}
