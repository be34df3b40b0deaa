package redisstream

import (
	"context"
	"errors"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// Subscribe returns a consumer of cfg.Stream in cfg.Group that hands each
// read, at most cfg.BatchSize entries, to h.
func (t *Transport) Subscribe(cfg transport.SubscriptionConfig, h transport.BatchHandler) (transport.Subscription, error) {
	cfg, err := cfg.WithDefaults()
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("subscribing: nil handler")
	}
	count := t.cfg.Count
	if cfg.BatchSize > 0 {
		count = int64(cfg.BatchSize)
	}
	return stream.NewBatchConsumer(t.rdb, t.keys, stream.ConsumerConfig{
		Stream: cfg.Stream, Group: cfg.Group, Name: cfg.Consumer,
		Block: t.cfg.Block, Count: count, MinIdle: t.cfg.MinIdle, ClaimInterval: t.cfg.ClaimInterval,
		MaxDeliveries: cfg.MaxDeliveries, DLQMaxLen: t.cfg.MaxLen, Logger: t.cfg.Logger,
	}, batchHandler(h))
}

// batchHandler adapts h to the stream package's handler type.
func batchHandler(h transport.BatchHandler) stream.BatchHandler {
	return func(ctx context.Context, msgs []stream.Message) []error {
		out := make([]transport.Message, len(msgs))
		for i, m := range msgs {
			out[i] = transport.Message{ID: m.ID, Stream: m.Stream, Fields: m.Fields, Deliveries: m.Deliveries}
		}
		return h(ctx, out)
	}
}
