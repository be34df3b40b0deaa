package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamsaga/streamsaga/saga/admission"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/retention"
	"github.com/streamsaga/streamsaga/saga/service"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// Timer settings: how often a pass runs and how many sagas it takes at a
// time. A pass asks the database only when a deadline this engine wrote
// is due, or once a second (runner.Config.FullLookInterval) for those of
// other processes.
const (
	timerInterval = 250 * time.Millisecond
	timerBatch    = 64
)

// parts are the engine's running components, in start order: the relay
// and courier before anything writes messages, the consumers, the timers,
// the inbox pruner and saga purger, the HTTP server last.
func (e *Engine) parts() ([]service.Component, error) {
	keys := e.keys()
	source := e.cfg.Driver.Source()
	e.source = source
	pub := stream.NewPublisher(e.cfg.Redis, keys, stream.PublisherConfig{Logger: e.log})
	relay, err := outbox.NewRelay(source, pub, outbox.RelayConfig{Logger: e.log})
	if err != nil {
		return nil, err
	}
	courier, err := e.cfg.Driver.Courier(pub, e.log)
	if err != nil {
		return nil, err
	}
	if err := e.registerMetrics(source, keys, courier.Collectors()...); err != nil {
		return nil, err
	}
	parts := []service.Component{relay, courier}
	subs := append([]subscription{{stream: stream.OrchestratorReply, handler: e.run.HandleReplies}}, e.subs...)
	for _, s := range subs {
		c, err := e.consumer(s)
		if err != nil {
			return nil, err
		}
		parts = append(parts, c)
	}
	parts = append(parts,
		&service.Every{Name: "saga timers", Interval: timerInterval, Log: e.log,
			Fn: func(ctx context.Context) error { return e.run.TimerPass(ctx, timerBatch) }},
		&service.Every{Name: "inbox pruner", Interval: inbox.PruneInterval, Log: e.log,
			Fn: inbox.Retention{Prune: e.cfg.Driver.Pruner(), Keep: e.cfg.InboxRetention}.Pass})
	if e.cfg.SagaRetention > 0 {
		parts = append(parts, &service.Every{Name: "saga purger", Interval: retention.Interval, Log: e.log,
			Fn: e.sagaPurge().Pass})
	}
	if e.gate.Enabled() {
		e.watchAppStreams()
		parts = append(parts, &service.Every{Name: "admission", Interval: e.gate.NextProbe(), Next: e.gate.NextProbe,
			PassTimeout: admission.ProbeTimeout, Log: e.log, Fn: e.gate.Probe})
	}
	if e.cfg.HTTPAddr != "" {
		e.srv = e.server()
		parts = append(parts, e.srv)
	}
	return parts, nil
}

// consumer reads one logical stream in the engine's group.
func (e *Engine) consumer(s subscription) (transport.Subscription, error) {
	sub := redisstream.New(e.cfg.Redis, redisstream.Config{Prefix: e.cfg.Prefix, Shards: e.cfg.Shards, MinIdle: e.cfg.ClaimMinIdle,
		Linger: e.cfg.Linger, Logger: e.log.WithField("stream", s.stream)})
	c, err := sub.Subscribe(transport.SubscriptionConfig{Stream: s.stream, Group: e.cfg.Group, Linger: s.linger}, s.handler)
	if err != nil {
		return nil, fmt.Errorf("consumer of %s: %w", s.stream, err)
	}
	return c, nil
}

// registerMetrics adds the outbox backlog, the pending entries and lag of
// the streams the engine reads, the dead letters of every known stream and
// the courier's collectors to the registry.
func (e *Engine) registerMetrics(source outbox.Source, keys stream.Keys, more ...prometheus.Collector) error {
	opts := metrics.ScrapeOptions{Log: e.log}
	groups := []metrics.StreamGroup{{Stream: stream.OrchestratorReply, Group: e.cfg.Group}}
	for _, name := range e.appStreams() {
		groups = append(groups, metrics.StreamGroup{Stream: name, Group: e.cfg.Group})
	}
	cs := append([]prometheus.Collector{metrics.NewOutbox(source, opts),
		metrics.NewStreams(e.cfg.Redis, keys, groups, opts).WithDeadLetters(e.knownStreams()...)}, more...)
	cs = append(cs, metrics.NewAdmission(e.gate)...)
	return metrics.Register(e.metrics, cs...)
}

// keys are the engine's stream keys: one per stream on a single Redis,
// Config.Shards per stream on a cluster.
func (e *Engine) keys() stream.Keys { return stream.KeysFor(e.cfg.Redis, e.cfg.Prefix, e.cfg.Shards) }
