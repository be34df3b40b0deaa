package metrics

import (
	"errors"
	"fmt"
	"strings"

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
// labelled with logical names.
type Streams struct {
	rdb    redis.UniversalClient
	keys   stream.Keys
	groups []StreamGroup
	// dlqStreams are the streams whose dead letters are counted, each once.
	dlqStreams                 []string
	opts                       ScrapeOptions
	pending, lag, dlq, success *prometheus.Desc
}

var _ prometheus.Collector = (*Streams)(nil)

// NewStreams returns the collector of groups on rdb.
func NewStreams(rdb redis.UniversalClient, keys stream.Keys, groups []StreamGroup, opts ScrapeOptions) *Streams {
	gl := []string{"stream", "group"}
	return &Streams{
		rdb: rdb, keys: keys, groups: groups, opts: opts, dlqStreams: dlqStreamsOf(groups),
		pending: prometheus.NewDesc("streamsaga_stream_pending_entries",
			"Entries delivered to the consumer group and not yet acknowledged (XINFO GROUPS pending).", gl, nil),
		lag: prometheus.NewDesc("streamsaga_stream_lag_entries",
			"Entries of the stream not yet delivered to the consumer group (XINFO GROUPS lag; absent when Redis does not report it).", gl, nil),
		dlq: prometheus.NewDesc("streamsaga_stream_dlq_entries",
			"Entries in the stream's dead-letter stream <stream>.dlq (XLEN).", []string{"stream"}, nil),
		success: successDesc("streams"),
	}
}

// Describe sends the descriptions of the stream series.
func (s *Streams) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{s.pending, s.lag, s.dlq, s.success} {
		ch <- d
	}
}

// groupCmds are one group's commands in the scrape's pipeline.
type groupCmds struct {
	info *redis.Cmd
	last *redis.XMessageSliceCmd
}

// Collect reads every group and dead-letter stream in one pipeline, within
// the scrape timeout. A stream that does not exist yet has no pending or
// lag series; a group whose commands fail is left out and the collection
// counts as failed.
func (s *Streams) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := s.opts.context()
	defer cancel()
	pipe := s.rdb.Pipeline()
	cmds := make([]groupCmds, len(s.groups))
	for i, g := range s.groups {
		key := s.keys.Stream(g.Stream)
		cmds[i] = groupCmds{info: pipe.Do(ctx, "XINFO", "GROUPS", key), last: pipe.XRevRangeN(ctx, key, "+", "-", 1)}
	}
	lens := make([]*redis.IntCmd, len(s.dlqStreams))
	for i, name := range s.dlqStreams {
		lens[i] = pipe.XLen(ctx, s.keys.DLQ(name))
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

// collectDLQ sends the length of each dead-letter stream that answered.
func (s *Streams) collectDLQ(ch chan<- prometheus.Metric, lens []*redis.IntCmd) []error {
	var errs []error
	for i, c := range lens {
		n, err := c.Result()
		if err != nil {
			errs = append(errs, fmt.Errorf("XLEN of the dead-letter stream of %s: %w", s.dlqStreams[i], err))
			continue
		}
		ch <- prometheus.MustNewConstMetric(s.dlq, prometheus.GaugeValue, float64(n), s.dlqStreams[i])
	}
	return errs
}

// collectGroup sends one group's pending and lag series.
func (s *Streams) collectGroup(ch chan<- prometheus.Metric, g StreamGroup, c groupCmds) error {
	reply, err := c.info.Result()
	if isNoSuchKey(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("XINFO GROUPS: %w", err)
	}
	info, found, err := findGroup(reply, s.keys.Group(g.Group))
	if err != nil || !found {
		return err
	}
	last, err := c.last.Result()
	if err != nil {
		return fmt.Errorf("reading the last entry: %w", err)
	}
	ch <- prometheus.MustNewConstMetric(s.pending, prometheus.GaugeValue, float64(info.pending), g.Stream, g.Group)
	if lag, ok := lagOf(info, lastID(last)); ok {
		ch <- prometheus.MustNewConstMetric(s.lag, prometheus.GaugeValue, float64(lag), g.Stream, g.Group)
	}
	return nil
}

// isNoSuchKey reports XINFO's answer for a stream that does not exist.
func isNoSuchKey(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such key")
}

// lastID is the id of the only entry of an XREVRANGE COUNT 1, "" for none.
func lastID(msgs []redis.XMessage) string {
	if len(msgs) == 0 {
		return ""
	}
	return msgs[0].ID
}
