package stream_test

import (
	"context"
	"log"
	"time"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// A participant reads its command stream as a member of a consumer group and
// publishes through the outbox relay's Publisher.
func Example() {
	ctx := context.Background()
	// Two consumers in this process: two blocking readers plus headroom.
	rdb, err := stream.Connect(ctx, "redis://127.0.0.1:6379/0", 8)
	if err != nil {
		log.Fatal(err) // "connecting to Redis at 127.0.0.1:6379: ..."
	}
	defer rdb.Close()
	keys := stream.Keys{Prefix: "demo:"}

	var pub outbox.Publisher = stream.NewPublisher(rdb, keys, stream.PublisherConfig{})
	_ = pub // handed to the outbox relay

	c, err := stream.NewConsumer(rdb, keys, stream.ConsumerConfig{
		Stream: "inventory.commands",
		Group:  "inventory",
	}, func(ctx context.Context, msg stream.Message) error {
		env, err := saga.DecodeEnvelope(msg.Envelope())
		if err != nil {
			return saga.Permanent(err) // straight to the dead-letter stream
		}
		log.Printf("handling %s %s", env.Type, env.MessageID)
		return nil // acknowledged
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		log.Fatal(err)
	}
	stopCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := c.Stop(stopCtx); err != nil {
		log.Print(err)
	}
}

// A batch consumer applies all entries of one read in one database
// transaction and answers for each entry.
func ExampleNewBatchConsumer() {
	ctx := context.Background()
	rdb, err := stream.Connect(ctx, "redis://127.0.0.1:6379/0", 4)
	if err != nil {
		log.Fatal(err)
	}
	defer rdb.Close()

	c, err := stream.NewBatchConsumer(rdb, stream.Keys{Prefix: "demo:"}, stream.ConsumerConfig{
		Stream: "inventory.commands",
		Group:  "inventory",
		Count:  128, // the largest batch
	}, func(ctx context.Context, msgs []stream.Message) []error {
		errs := make([]error, len(msgs)) // nil: committed, acknowledged
		// Begin one transaction, apply every entry, commit once. When the
		// commit fails, give every applied entry that error, wrapped in
		// saga.Unavailable when the database cannot be reached.
		for i, msg := range msgs {
			if _, err := saga.DecodeEnvelope(msg.Envelope()); err != nil {
				errs[i] = saga.Permanent(err) // only this entry is dead-lettered
			}
		}
		return errs
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		log.Fatal(err)
	}
	stopCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := c.Stop(stopCtx); err != nil {
		log.Print(err)
	}
}
