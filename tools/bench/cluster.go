package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

// clusterStore is a local Redis Cluster started for the bench.
type clusterStore struct {
	c       *rediscluster.Cluster
	dir     string
	masters []*redis.Client
}

// startCluster starts a cluster of masters on free loopback ports, its
// nodes' files in a temporary folder removed by close.
func startCluster(ctx context.Context, masters int) (*clusterStore, error) {
	dir, err := os.MkdirTemp("", "streamsaga-bench-cluster")
	if err != nil {
		return nil, fmt.Errorf("making the cluster's folder: %w", err)
	}
	c, err := rediscluster.Launch(ctx, dir, masters)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	s := &clusterStore{c: c, dir: dir}
	for _, addr := range c.Addrs {
		s.masters = append(s.masters, redis.NewClient(&redis.Options{Addr: addr}))
	}
	return s, s.empty(ctx)
}

// url is the cluster's REDIS_URL.
func (s *clusterStore) url() string { return s.c.URL() }

// empty deletes every key of every master (FLUSHALL on each).
func (s *clusterStore) empty(ctx context.Context) error {
	var errs []error
	for i, m := range s.masters {
		if err := m.FlushAll(ctx).Err(); err != nil {
			errs = append(errs, fmt.Errorf("emptying cluster master %s: %w", s.c.Addrs[i], err))
		}
	}
	return errors.Join(errs...)
}

func (s *clusterStore) pids(context.Context) []int { return s.c.PIDs() }

// close stops the nodes and removes their folder.
func (s *clusterStore) close() {
	for _, m := range s.masters {
		_ = m.Close()
	}
	s.c.Stop()
	_ = os.RemoveAll(s.dir)
}
