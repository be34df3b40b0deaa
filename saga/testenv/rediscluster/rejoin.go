package rediscluster

import (
	"context"
	"fmt"
	"net"
	"strings"
)

// rejoin makes the new, empty node at addr take the place of the node
// oldID: every other master forgets oldID (which leaves its slots
// unassigned there and keeps gossip from bringing it back for a minute),
// the new node claims ranges and then meets the others, who accept its
// claim of slots nobody serves.
func (c *Cluster) rejoin(ctx context.Context, addr, oldID string, ranges []SlotRange) error {
	others := c.othersThan(addr)
	for _, o := range others {
		if err := forget(ctx, o, oldID); err != nil {
			return err
		}
	}
	rdb := redisClient(addr)
	defer rdb.Close()
	for _, r := range ranges {
		if err := rdb.ClusterAddSlotsRange(ctx, r.Start, r.End).Err(); err != nil {
			return fmt.Errorf("CLUSTER ADDSLOTS %d-%d: %w", r.Start, r.End, err)
		}
	}
	for _, o := range others {
		host, port, err := net.SplitHostPort(o)
		if err != nil {
			return fmt.Errorf("parsing %s: %w", o, err)
		}
		if err := rdb.ClusterMeet(ctx, host, port).Err(); err != nil {
			return fmt.Errorf("CLUSTER MEET %s: %w", o, err)
		}
	}
	return nil
}

// forget has the master at addr forget the node id; a node it does not
// know is fine.
func forget(ctx context.Context, addr, id string) error {
	rdb := redisClient(addr)
	defer rdb.Close()
	err := rdb.ClusterForget(ctx, id).Err()
	if err != nil && !strings.Contains(err.Error(), "Unknown node") {
		return fmt.Errorf("CLUSTER FORGET on %s: %w", addr, err)
	}
	return nil
}

// othersThan lists the masters' addresses but addr.
func (c *Cluster) othersThan(addr string) []string {
	var out []string
	for _, n := range c.nodes {
		if n.addr != addr {
			out = append(out, n.addr)
		}
	}
	return out
}
