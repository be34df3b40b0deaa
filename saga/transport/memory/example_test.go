package memory_test

import (
	"context"
	"fmt"
	"log"

	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/memory"
)

// A consumer group subscribes to a stream and gets what is published.
func Example() {
	ctx := context.Background()
	tr := memory.New(memory.Config{})

	got := make(chan transport.Message, 1)
	sub, err := tr.Subscribe(transport.SubscriptionConfig{Stream: "inventory.commands", Group: "inventory"},
		transport.Each(func(ctx context.Context, msg transport.Message) error {
			got <- msg
			return nil // acknowledged
		}))
	if err != nil {
		log.Fatal(err)
	}
	if err := sub.Start(ctx); err != nil {
		log.Fatal(err)
	}
	defer sub.Stop(ctx)

	err = tr.Publish(ctx, []transport.Outgoing{{
		Stream: "inventory.commands", PartitionKey: "saga-1", MessageID: "m-1",
		Type: "ReserveInventory", Payload: []byte(`{"type":"ReserveInventory"}`),
	}})
	if err != nil {
		log.Fatal(err)
	}
	msg := <-got
	fmt.Println(msg.Type(), msg.PartitionKey(), msg.Deliveries, string(msg.Envelope()))
	// Output: ReserveInventory saga-1 1 {"type":"ReserveInventory"}
}
