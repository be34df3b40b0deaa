package testenv

import (
	"context"
	"fmt"
	"sync"

	"github.com/redis/go-redis/v9"
)

// ScanKeys lists the keys that match pattern: on a single Redis with
// SCAN, on a Redis Cluster (a *redis.ClusterClient) with a SCAN of every
// master, since a SCAN sent through the cluster client reaches one node
// only. Keys a master lists while it loses its data, or that expire, may
// be gone by the time the caller reads them.
func ScanKeys(ctx context.Context, rdb redis.UniversalClient, pattern string) ([]string, error) {
	cc, ok := rdb.(*redis.ClusterClient)
	if !ok {
		return scanNode(ctx, rdb, pattern)
	}
	var mu sync.Mutex
	var keys []string
	err := cc.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error {
		ks, err := scanNode(ctx, node, pattern)
		if err != nil {
			return fmt.Errorf("master %s: %w", node.Options().Addr, err)
		}
		mu.Lock()
		keys = append(keys, ks...)
		mu.Unlock()
		return nil
	})
	return keys, err
}

func scanNode(ctx context.Context, rdb redis.UniversalClient, pattern string) ([]string, error) {
	var keys []string
	iter := rdb.Scan(ctx, 0, pattern, 500).Iterator()
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return nil, fmt.Errorf("SCAN %s: %w", pattern, err)
	}
	return keys, nil
}

// DeleteKeys removes every key that starts with prefix, as if Redis lost
// that installation's data; on a Redis Cluster from every master, each
// key on its own (keys of different slots cannot go in one DEL). It
// returns how many it deleted.
func DeleteKeys(ctx context.Context, rdb redis.UniversalClient, prefix string) (int, error) {
	keys, err := ScanKeys(ctx, rdb, prefix+"*")
	if err != nil || len(keys) == 0 {
		return 0, err
	}
	if _, cluster := rdb.(*redis.ClusterClient); !cluster {
		n, err := rdb.Del(ctx, keys...).Result()
		return int(n), err
	}
	cmds, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range keys {
			p.Del(ctx, k)
		}
		return nil
	})
	n := 0
	for _, c := range cmds {
		n += int(c.(*redis.IntCmd).Val())
	}
	return n, err
}
