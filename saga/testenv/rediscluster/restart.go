package rediscluster

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// restartTimeout bounds bringing a master back and waiting until every
// node sees every slot served again.
const restartTimeout = 60 * time.Second

// Restart brings master i (in start order) back empty, as a machine that
// lost everything: its process is SIGKILLed, every file of its folder is
// deleted (the data and nodes.conf; the log stays), and a new redis-server
// starts on the same port. It is a new node to the cluster: the other
// masters forget the old one, the new one takes the old one's slots and
// meets them. Restart returns once every node sees every slot served
// again. Meanwhile the cluster answers CLUSTERDOWN or not at all for the
// slots of master i, and possibly for all slots.
func (c *Cluster) Restart(ctx context.Context, i int) error {
	if i < 0 || i >= len(c.nodes) {
		return fmt.Errorf("restarting master %d: the cluster has masters 0 to %d", i, len(c.nodes)-1)
	}
	ctx, cancel := context.WithTimeout(ctx, restartTimeout)
	defer cancel()
	old := c.nodes[i]
	id, ranges, err := c.identity(ctx, old.addr)
	if err != nil {
		return fmt.Errorf("restarting master %s: %w", old.addr, err)
	}
	old.stop()
	if err := emptyFolder(old.dir); err != nil {
		return fmt.Errorf("restarting master %s: %w", old.addr, err)
	}
	n, err := c.startAgain(ctx, old)
	if err != nil {
		return fmt.Errorf("restarting master %s: %w", old.addr, err)
	}
	c.nodes[i] = n
	if err := c.rejoin(ctx, n.addr, id, ranges); err != nil {
		return fmt.Errorf("restarting master %s: %w", n.addr, err)
	}
	return c.waitReady(ctx)
}

// identity returns the node id of the master at addr and the slot ranges
// the cluster sees it serve.
func (c *Cluster) identity(ctx context.Context, addr string) (string, []SlotRange, error) {
	rdb := redisClient(addr)
	defer rdb.Close()
	id, err := rdb.ClusterMyID(ctx).Result()
	if err != nil {
		return "", nil, fmt.Errorf("CLUSTER MYID: %w", err)
	}
	masters, err := c.Masters(ctx)
	if err != nil {
		return "", nil, err
	}
	if len(masters[addr]) == 0 {
		return "", nil, errors.New("it serves no slot")
	}
	return id, masters[addr], nil
}

// emptyFolder deletes every file of a node's folder but its log.
func emptyFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("reading the node's folder: %w", err)
	}
	for _, e := range entries {
		if e.Name() == "node.log" {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("deleting the node's files: %w", err)
		}
	}
	return nil
}

// startAgain starts a redis-server on the port and folder of old.
func (c *Cluster) startAgain(ctx context.Context, old *node) (*node, error) {
	_, portText, err := net.SplitHostPort(old.addr)
	if err != nil {
		return nil, fmt.Errorf("parsing the address: %w", err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, fmt.Errorf("parsing the port: %w", err)
	}
	return startNodeOn(ctx, c.server, old.dir, port)
}
