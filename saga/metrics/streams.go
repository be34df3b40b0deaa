package metrics

import (
	"errors"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga/stream"
)

// StreamGroup is a stream a service consumes and its consumer group, both
// logical names (without STREAM_PREFIX).
type StreamGroup struct {
	Stream string
	Group  string
}

// Streams collects, at scrape time, the pending entries and lag of a
// service's consumer groups and the length of the dead-letter streams of
// their streams, of the outbox's (stream.Outbox: messages Redis refused
// for good) and of any stream added with WithDeadLetters. Series are
// labelled with logical names. On sharded keys (a Redis Cluster) each
// logical series sums the stream's shards, and the same figures per shard
// are series of their own with a shard label.
type Streams struct {
	rdb    redis.UniversalClient
	keys   stream.Keys
	groups []StreamGroup
	// dlqStreams are the streams whose dead letters are counted, each once.
	dlqStreams                 []string
	opts                       ScrapeOptions
	pending, lag, dlq, success *prometheus.Desc
	shard                      shardDescs
}

var _ prometheus.Collector = (*Streams)(nil)

// NewStreams returns the collector of groups on rdb.
func NewStreams(rdb redis.UniversalClient, keys stream.Keys, groups []StreamGroup, opts ScrapeOptions) *Streams {
	gl := []string{"stream", "group"}
	return &Streams{
		rdb: rdb, keys: keys, groups: groups, opts: opts, dlqStreams: dlqStreamsOf(groups),
		pending: prometheus.NewDesc("streamsaga_stream_pending_entries",
			"Entries delivered to the consumer group and not yet acknowledged (XINFO GROUPS pending), summed over the stream's shards.", gl, nil),
		lag: prometheus.NewDesc("streamsaga_stream_lag_entries",
			"Entries of the stream not yet delivered to the consumer group (XINFO GROUPS lag), summed over the stream's shards; absent when Redis does not report it.", gl, nil),
		dlq: prometheus.NewDesc("streamsaga_stream_dlq_entries",
			"Entries in the stream's dead-letter streams <stream key>.dlq (XLEN), summed over the stream's shards.", []string{"stream"}, nil),
		success: successDesc("streams"),
		shard:   newShardDescs(),
	}
}

// Describe sends the descriptions of the stream series.
func (s *Streams) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{s.pending, s.lag, s.dlq, s.success} {
		ch <- d
	}
	if s.keys.Sharded() {
		s.shard.describe(ch)
	}
}

// shardCmds are one shard key's commands in the scrape's pipeline.
type shardCmds struct {
	info *redis.Cmd
	last *redis.XMessageSliceCmd
}

// Collect reads every group on every shard key and every dead-letter
// stream in one pipeline (on a cluster, one per node), within the scrape
// timeout. A stream that does not exist yet has no pending or lag series; a
// group whose commands fail is left out and the collection counts as
// failed.
func (s *Streams) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := s.opts.context()
	defer cancel()
	pipe := s.rdb.Pipeline()
	cmds := make([][]shardCmds, len(s.groups))
	for i, g := range s.groups {
		for _, key := range s.keys.StreamKeys(g.Stream) {
			cmds[i] = append(cmds[i], shardCmds{info: pipe.Do(ctx, "XINFO", "GROUPS", key), last: pipe.XRevRangeN(ctx, key, "+", "-", 1)})
		}
	}
	lens := make([][]*redis.IntCmd, len(s.dlqStreams))
	for i, name := range s.dlqStreams {
		for shard := range s.keys.ShardCount() {
			lens[i] = append(lens[i], pipe.XLen(ctx, s.keys.ShardDLQ(name, shard)))
		}
	}
	_, _ = pipe.Exec(ctx) // each command keeps its own error
	errs := s.collectDLQ(ch, lens)
	for i, g := range s.groups {
		if err := s.collectGroup(ch, g, cmds[i]); err != nil {
			errs = append(errs, fmt.Errorf("stream %s group %s: %w", g.Stream, g.Group, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		s.opts.warn("streams", err)
	}
	ch <- successMetric(s.success, len(errs) == 0)
}

// collectDLQ sends the length of the dead letters of each stream whose
// shards all answered, and of each shard that answered.
func (s *Streams) collectDLQ(ch chan<- prometheus.Metric, lens [][]*redis.IntCmd) []error {
	var errs []error
	for i, shards := range lens {
		name := s.dlqStreams[i]
		var total int64
		failed := false
		for shard, c := range shards {
			n, err := c.Result()
			if err != nil {
				errs = append(errs, fmt.Errorf("XLEN of the dead-letter stream of %s: %w", s.keys.ShardStream(name, shard), err))
				failed = true
				continue
			}
			total += n
			if s.keys.Sharded() {
				ch <- s.shard.dlqMetric(n, name, shard)
			}
		}
		if !failed {
			ch <- prometheus.MustNewConstMetric(s.dlq, prometheus.GaugeValue, float64(total), name)
		}
	}
	return errs
}

// lastID is the id of the only entry of an XREVRANGE COUNT 1, "" for none.
func lastID(msgs []redis.XMessage) string {
	if len(msgs) == 0 {
		return ""
	}
	return msgs[0].ID
}
