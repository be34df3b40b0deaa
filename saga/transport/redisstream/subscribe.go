package redisstream

import (
	"context"
	"errors"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// Subscribe returns a consumer of cfg.Stream in cfg.Group that hands each
// read, at most cfg.BatchSize entries, to h. With BatchSize 1 a read still
// takes up to Count entries, and h gets them one at a time, each settled
// before the next.
func (t *Transport) Subscribe(cfg transport.SubscriptionConfig, h transport.BatchHandler) (transport.Subscription, error) {
	cfg, err := cfg.WithDefaults()
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("subscribing: nil handler")
	}
	ccfg := stream.ConsumerConfig{
		Stream: cfg.Stream, Group: cfg.Group, Name: cfg.Consumer,
		Block: t.cfg.Block, Count: t.cfg.Count, Linger: t.cfg.Linger, MinIdle: t.cfg.MinIdle, ClaimInterval: t.cfg.ClaimInterval,
		MaxDeliveries: cfg.MaxDeliveries, DLQMaxLen: t.cfg.MaxLen, Logger: t.cfg.Logger,
		Carry: t.pub,
	}
	if cfg.Linger > 0 {
		ccfg.Linger = cfg.Linger
	}
	if cfg.BatchSize == 1 {
		return stream.NewConsumer(t.rdb, t.keys, ccfg, t.handler(h))
	}
	if cfg.BatchSize > 0 {
		ccfg.Count = int64(cfg.BatchSize)
	}
	return stream.NewBatchConsumer(t.rdb, t.keys, ccfg, t.batchHandler(h))
}

// batchHandler adapts h to the stream package's handler type.
func (t *Transport) batchHandler(h transport.BatchHandler) stream.BatchHandler {
	return func(ctx context.Context, msgs []stream.Message) []error {
		out := make([]transport.Message, len(msgs))
		for i, m := range msgs {
			out[i] = t.message(m)
		}
		return h(ctx, out)
	}
}

// handler adapts h to the stream package's per-entry handler type.
func (t *Transport) handler(h transport.BatchHandler) stream.Handler {
	return func(ctx context.Context, m stream.Message) error {
		return transport.Call(ctx, h, []transport.Message{t.message(m)})[0]
	}
}

// message is m for the transport's callers: its id names its shard on
// sharded keys.
func (t *Transport) message(m stream.Message) transport.Message {
	return transport.Message{ID: t.keys.EntryID(m.Shard, m.ID), Stream: m.Stream, Fields: m.Fields, Deliveries: m.Deliveries}
}
