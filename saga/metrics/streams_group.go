package metrics

import (
	"errors"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamsaga/streamsaga/saga/stream"
)

// shardStat is one group's figures on one shard key.
type shardStat struct {
	pending int64
	lag     int64
	lagOK   bool
}

// errNoGroup marks a shard key that does not exist or lacks the group.
var errNoGroup = errors.New("no such group")

// collectGroup sends one group's pending and lag series: the sums over the
// shards that have the group, and on sharded keys each shard's own. The
// sum of lag is left out when a shard with the group cannot tell its lag.
func (s *Streams) collectGroup(ch chan<- prometheus.Metric, g StreamGroup, cmds []shardCmds) error {
	var sum shardStat
	sum.lagOK = true
	found := false
	for shard, c := range cmds {
		st, err := s.readShard(g, c)
		if errors.Is(err, errNoGroup) {
			continue
		}
		if err != nil {
			return fmt.Errorf("shard %d: %w", shard, err)
		}
		found = true
		sum.pending += st.pending
		sum.lag += st.lag
		sum.lagOK = sum.lagOK && st.lagOK
		if s.keys.Sharded() {
			s.shard.groupMetrics(ch, st, g, shard)
		}
	}
	if !found {
		return nil
	}
	ch <- prometheus.MustNewConstMetric(s.pending, prometheus.GaugeValue, float64(sum.pending), g.Stream, g.Group)
	if sum.lagOK {
		ch <- prometheus.MustNewConstMetric(s.lag, prometheus.GaugeValue, float64(sum.lag), g.Stream, g.Group)
	}
	return nil
}

// readShard reads one shard key's answers for group g.
func (s *Streams) readShard(g StreamGroup, c shardCmds) (shardStat, error) {
	reply, err := c.info.Result()
	if stream.IsNoSuchKey(err) {
		return shardStat{}, errNoGroup
	}
	if err != nil {
		return shardStat{}, fmt.Errorf("XINFO GROUPS: %w", err)
	}
	info, found, err := findGroup(reply, s.keys.Group(g.Group))
	if err != nil {
		return shardStat{}, err
	}
	if !found {
		return shardStat{}, errNoGroup
	}
	last, err := c.last.Result()
	if err != nil {
		return shardStat{}, fmt.Errorf("reading the last entry: %w", err)
	}
	lag, ok := lagOf(info, lastID(last))
	return shardStat{pending: info.pending, lag: lag, lagOK: ok}, nil
}

// shardDescs describe the per-shard series of sharded keys.
type shardDescs struct{ pending, lag, dlq *prometheus.Desc }

func newShardDescs() shardDescs {
	gl := []string{"stream", "group", "shard"}
	return shardDescs{
		pending: prometheus.NewDesc("streamsaga_stream_shard_pending_entries",
			"Entries of one shard of the stream delivered to the consumer group and not yet acknowledged (sharded streams on a Redis Cluster).", gl, nil),
		lag: prometheus.NewDesc("streamsaga_stream_shard_lag_entries",
			"Entries of one shard of the stream not yet delivered to the consumer group (sharded streams on a Redis Cluster).", gl, nil),
		dlq: prometheus.NewDesc("streamsaga_stream_shard_dlq_entries",
			"Entries in the dead-letter stream of one shard of the stream (sharded streams on a Redis Cluster).", []string{"stream", "shard"}, nil),
	}
}

func (d shardDescs) describe(ch chan<- *prometheus.Desc) {
	ch <- d.pending
	ch <- d.lag
	ch <- d.dlq
}

func (d shardDescs) groupMetrics(ch chan<- prometheus.Metric, st shardStat, g StreamGroup, shard int) {
	label := shardLabel(shard)
	ch <- prometheus.MustNewConstMetric(d.pending, prometheus.GaugeValue, float64(st.pending), g.Stream, g.Group, label)
	if st.lagOK {
		ch <- prometheus.MustNewConstMetric(d.lag, prometheus.GaugeValue, float64(st.lag), g.Stream, g.Group, label)
	}
}

func (d shardDescs) dlqMetric(n int64, name string, shard int) prometheus.Metric {
	return prometheus.MustNewConstMetric(d.dlq, prometheus.GaugeValue, float64(n), name, shardLabel(shard))
}

// shardLabel is a shard's label value: its number.
func shardLabel(shard int) string { return fmt.Sprint(shard) }
