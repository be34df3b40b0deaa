package stream

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Pool sizes the connection pools of a client Dial opens.
type Pool struct {
	// Size is the pool of a single Redis: the blocking reads of its
	// consumers, their claims and acknowledgements, the publishers and
	// health checks. Optional: default go-redis's (10 per CPU).
	Size int
	// Readers is how many consumers read through the client. On a cluster
	// each reads every shard key with a blocking read of its own.
	// Optional: default 0.
	Readers int
	// Shards is how many keys each stream is spread over on a cluster
	// (STREAM_SHARDS). Optional: default DefaultShards.
	Shards int
}

// NodeSize is the pool of each node of a cluster: Size, plus one
// connection for the blocking read of every consumer on every shard, since
// one master may hold every shard (a cluster of one master, or after a
// failover). A connection is opened only when needed, so a large bound
// costs nothing on a node that holds few shards.
func (p Pool) NodeSize() int {
	shards := p.Shards
	if shards <= 0 {
		shards = DefaultShards
	}
	if p.Size <= 0 && p.Readers <= 0 {
		return 0
	}
	return max(p.Size, 0) + max(p.Readers, 0)*shards
}

// Dial opens a client for REDIS_URL and asks the server what it is. The
// URL names one node (redis://host:port/db) or several nodes of a cluster
// in go-redis's form (redis://host:port?addr=host2:port2&addr=...). A single
// Redis gets a *redis.Client with a pool of pool.Size, as Connect opens it;
// a node of a Redis Cluster gets a *redis.ClusterClient reaching every
// master, with a pool of pool.NodeSize() per node, each node's commands
// and round trips counted in iocount. KeysFor then spreads
// the streams over shards on a cluster only.
//
// Errors name addresses, never the URL's password.
func Dial(ctx context.Context, rawURL string, pool Pool) (redis.UniversalClient, error) {
	if hasAddrParam(rawURL) {
		return dialNodes(ctx, rawURL, pool)
	}
	opts, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("parsing Redis URL: %w", redactURLError(err))
	}
	copts := clusterOptions(opts)
	cluster, err := probeCluster(ctx, copts)
	switch {
	case err != nil:
		return nil, err
	case !cluster:
		return Connect(ctx, rawURL, pool.Size)
	case opts.DB != 0:
		return nil, fmt.Errorf("the Redis at %s is a cluster node, and a cluster has only database 0, not %d", opts.Addr, opts.DB)
	}
	return openCluster(ctx, copts, pool)
}

// probeCluster asks the first node of copts whether it is a cluster node.
func probeCluster(ctx context.Context, copts *redis.ClusterOptions) (bool, error) {
	probe := redis.NewClient(nodeOptions(copts, copts.Addrs[0]))
	defer probe.Close()
	cluster, err := isClusterNode(ctx, probe)
	if err != nil {
		return false, fmt.Errorf("connecting to Redis at %s: %w", copts.Addrs[0], err)
	}
	return cluster, nil
}

// dialNodes opens a cluster client for a URL naming several nodes, once
// the first of them says it is a cluster node.
func dialNodes(ctx context.Context, rawURL string, pool Pool) (redis.UniversalClient, error) {
	copts, err := redis.ParseClusterURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("parsing Redis URL: %w", redactURLError(err))
	}
	cluster, err := probeCluster(ctx, copts)
	switch {
	case err != nil:
		return nil, err
	case !cluster:
		return nil, fmt.Errorf("REDIS_URL names several nodes, but Redis at %s is not a Redis Cluster node", copts.Addrs[0])
	}
	return openCluster(ctx, copts, pool)
}

// openCluster opens a cluster client and pings every master. Each node's
// client counts its commands and round trips in iocount: a pipeline the
// cluster client splits over three masters is three round trips, and a
// command redirected (MOVED, ASK) or retried counts each time it is sent.
func openCluster(ctx context.Context, copts *redis.ClusterOptions, pool Pool) (redis.UniversalClient, error) {
	if n := pool.NodeSize(); n > 0 {
		copts.PoolSize = n
	}
	rdb := redis.NewClusterClient(copts)
	rdb.OnNewNode(func(node *redis.Client) { node.AddHook(countingHook{}) })
	err := rdb.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error {
		if err := node.Ping(ctx).Err(); err != nil {
			return fmt.Errorf("connecting to the Redis Cluster master at %s: %w", node.Options().Addr, err)
		}
		return nil
	})
	if err != nil {
		_ = rdb.Close()
		return nil, fmt.Errorf("connecting to the Redis Cluster at %s: %w", strings.Join(copts.Addrs, ","), err)
	}
	return rdb, nil
}

// isClusterNode asks a server whether cluster mode is on. A server that
// refuses INFO cluster (an embedded Redis, say) is no cluster node.
func isClusterNode(ctx context.Context, rdb *redis.Client) (bool, error) {
	info, err := rdb.Info(ctx, "cluster").Result()
	var rerr redis.Error
	if errors.As(err, &rerr) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return strings.Contains(info, "cluster_enabled:1"), nil
}

// hasAddrParam reports whether a URL names further nodes with addr=.
func hasAddrParam(rawURL string) bool {
	u, err := url.Parse(rawURL)
	return err == nil && u.Query().Has("addr")
}
