package rediscluster

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// waitReady waits until every node reports the cluster ok, knows every
// other node and sees all slots served.
func (c *Cluster) waitReady(ctx context.Context) error {
	for _, addr := range c.Addrs {
		if err := c.waitNode(ctx, addr); err != nil {
			return err
		}
	}
	return nil
}

func (c *Cluster) waitNode(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	want := []string{"cluster_state:ok", "cluster_slots_ok:16384", fmt.Sprintf("cluster_known_nodes:%d", len(c.Addrs))}
	var last string
	for {
		info, err := rdb.ClusterInfo(ctx).Result()
		if err == nil && hasAll(info, want) {
			return nil
		}
		last = fmt.Sprint(info, err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("node %s did not join the cluster: %w; last CLUSTER INFO: %s", addr, ctx.Err(), last)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func hasAll(info string, lines []string) bool {
	for _, l := range lines {
		if !strings.Contains(info, l) {
			return false
		}
	}
	return true
}
