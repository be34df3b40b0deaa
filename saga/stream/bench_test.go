package stream

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// BenchmarkPublish publishes b.N messages in pipelines of 1, 64 and 256
// XADDs; one op is one message.
func BenchmarkPublish(b *testing.B) {
	for _, size := range []int{1, 64, 256} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			rdb, prefix := testenv.Redis(b)
			p := NewPublisher(rdb, Keys{Prefix: prefix}, PublisherConfig{})
			msgs := make([]outbox.Message, size)
			for i := range msgs {
				msgs[i] = testMessage("s", i)
			}
			ctx := context.Background()
			b.ResetTimer()
			for sent := 0; sent < b.N; sent += size {
				if err := p.Publish(ctx, msgs[:min(size, b.N-sent)]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}

// BenchmarkConsumeBatch consumes a backlog of b.N entries with a batch
// handler that does nothing, for several Counts, and with a per-entry
// Handler for comparison; one op is one entry, handled and acknowledged.
func BenchmarkConsumeBatch(b *testing.B) {
	noop := func(_ context.Context, msgs []Message) []error { return make([]error, len(msgs)) }
	for _, bc := range []struct {
		name  string
		count int64
		build func(redis.UniversalClient, Keys, ConsumerConfig) (*Consumer, error)
	}{
		{"per-entry/count=64", 64, func(rdb redis.UniversalClient, k Keys, cfg ConsumerConfig) (*Consumer, error) {
			return NewConsumer(rdb, k, cfg, func(context.Context, Message) error { return nil })
		}},
		{"batch/count=64", 64, func(rdb redis.UniversalClient, k Keys, cfg ConsumerConfig) (*Consumer, error) {
			return NewBatchConsumer(rdb, k, cfg, noop)
		}},
		{"batch/count=256", 256, func(rdb redis.UniversalClient, k Keys, cfg ConsumerConfig) (*Consumer, error) {
			return NewBatchConsumer(rdb, k, cfg, noop)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			c, rec := benchConsumer(b, bc.count, bc.build)
			b.ResetTimer()
			if err := c.Start(context.Background()); err != nil {
				b.Fatal(err)
			}
			rec.waitAcked(b, int64(b.N))
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "entries/s")
			if err := c.Stop(context.Background()); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// benchConsumer publishes a backlog of b.N entries and builds, without
// starting it, a consumer of them whose acknowledgements are counted.
func benchConsumer(b *testing.B, count int64, build func(redis.UniversalClient, Keys, ConsumerConfig) (*Consumer, error)) (*Consumer, *cmdRecorder) {
	rdb, prefix := testenv.Redis(b)
	keys := Keys{Prefix: prefix}
	publishN(b, rdb, keys, "s", b.N)
	quiet := logrus.New()
	quiet.SetOutput(io.Discard)
	c, err := build(rdb, keys, ConsumerConfig{
		Stream: "s", Group: "g", Count: count, Block: testBlock, Logger: logrus.NewEntry(quiet),
	})
	if err != nil {
		b.Fatal(err)
	}
	return c, recordCommands(rdb)
}
