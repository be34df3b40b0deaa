package rediscluster

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// SlotRange is a range of hash slots, both ends included.
type SlotRange struct{ Start, End int }

// Masters returns each master's address and the slot ranges it serves, as
// CLUSTER SLOTS answers.
func (c *Cluster) Masters(ctx context.Context) (map[string][]SlotRange, error) {
	rdb := redisClient(c.Addrs[0])
	defer rdb.Close()
	slots, err := rdb.ClusterSlots(ctx).Result()
	if err != nil {
		return nil, fmt.Errorf("CLUSTER SLOTS: %w", err)
	}
	out := map[string][]SlotRange{}
	for _, s := range slots {
		if len(s.Nodes) == 0 {
			continue
		}
		addr := s.Nodes[0].Addr
		out[addr] = append(out[addr], SlotRange{Start: int(s.Start), End: int(s.End)})
	}
	return out, nil
}

// MasterOf returns the address of the master serving slot.
func (c *Cluster) MasterOf(ctx context.Context, slot int) (string, error) {
	masters, err := c.Masters(ctx)
	if err != nil {
		return "", err
	}
	for addr, ranges := range masters {
		for _, r := range ranges {
			if slot >= r.Start && slot <= r.End {
				return addr, nil
			}
		}
	}
	return "", fmt.Errorf("no master serves slot %d", slot)
}

// Flush deletes every key of one master (FLUSHALL), as if that node lost
// its data; the other masters keep theirs.
func (c *Cluster) Flush(ctx context.Context, addr string) error {
	rdb := redisClient(addr)
	defer rdb.Close()
	if err := rdb.FlushAll(ctx).Err(); err != nil {
		return fmt.Errorf("FLUSHALL on %s: %w", addr, err)
	}
	return nil
}

// KeySlot asks the cluster which slot a key hashes to (CLUSTER KEYSLOT).
func (c *Cluster) KeySlot(ctx context.Context, key string) (int, error) {
	rdb := redisClient(c.Addrs[0])
	defer rdb.Close()
	n, err := rdb.ClusterKeySlot(ctx, key).Result()
	if err != nil {
		return 0, fmt.Errorf("CLUSTER KEYSLOT %s: %w", key, err)
	}
	return int(n), nil
}

// redisClient is a client of one node for a single call.
func redisClient(addr string) *redis.Client {
	return redis.NewClient(&redis.Options{Addr: addr})
}
