package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// Sagas start from the application's events: the engine reads the
// application's stream in its consumer group, and the handler starts a
// saga in a transaction of the engine's. The saga's id derives from the
// event's message id, so an event delivered twice starts one saga.
func ExampleEngine_Subscribe() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	drv, rdb, cleanup := exampleBackends(ctx)
	defer cleanup()
	e, err := engine.New(engine.Config{Driver: drv, Redis: rdb, Definitions: []*saga.Definition{greeting()}})
	if err != nil {
		panic(err)
	}
	finished := make(chan string, 1)
	e.OnFinish("greeting", engine.Each(func(ctx context.Context, tx driver.Tx, s *saga.Instance, g Greeting) error {
		finished <- fmt.Sprintf("%s for %s", s.State, g.Name)
		return nil
	}))
	e.Subscribe("signups.events", transport.Each(func(ctx context.Context, m transport.Message) error {
		event, err := saga.DecodeEnvelope(m.Envelope())
		if err != nil {
			return saga.Permanent(err) // to the stream's dead letters
		}
		return e.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
			return e.StartTx(ctx, tx, "greeting", engine.Start{ID: saga.DerivedID(event.MessageID, "greeting"),
				Data: event.Data, TriggerID: event.MessageID, TriggerType: event.Type})
		})
	}))
	signup := saga.Envelope{MessageID: saga.NewID(), Type: "SignedUp", Time: time.Now().UTC(),
		Data: json.RawMessage(`{"name":"Hedy"}`)}
	body, _ := json.Marshal(signup)
	pub := redisstream.New(rdb, redisstream.Config{})
	for range 2 { // the same event, delivered twice
		err := pub.Publish(ctx, []transport.Outgoing{{Stream: "signups.events", PartitionKey: signup.MessageID,
			MessageID: signup.MessageID, Type: signup.Type, Payload: body}})
		if err != nil {
			panic(err)
		}
	}
	if err := e.Start(ctx); err != nil { // the engine's group reads the stream from its start
		panic(err)
	}
	defer e.Stop(context.Background())
	defer greeter(ctx, rdb, "")()

	fmt.Println(<-finished) // from inside the finishing transaction
	fmt.Println("sagas:", committedSagas(ctx, e))
	// Output:
	// COMPLETED for Hedy
	// sagas: 1
}

// committedSagas counts the sagas once the finishing transaction of one
// has committed.
func committedSagas(ctx context.Context, e *engine.Engine) int64 {
	for {
		counts, err := e.Store().CountSagasByState(ctx)
		if err != nil {
			panic(err)
		}
		if counts[saga.StateCompleted] > 0 {
			var total int64
			for _, n := range counts {
				total += n
			}
			return total
		}
		select {
		case <-ctx.Done():
			panic(ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}
