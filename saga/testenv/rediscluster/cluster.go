package rediscluster

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// DefaultMasters is how many masters Start starts when asked for none.
const DefaultMasters = 3

// startTimeout bounds starting the nodes, joining them and waiting until
// every node sees every slot served.
const startTimeout = 60 * time.Second

// Cluster is a running Redis Cluster of masters without replicas.
type Cluster struct {
	// Addrs are the masters' host:port addresses, in start order.
	Addrs  []string
	nodes  []*node
	server string // the redis-server binary
}

// Start starts a cluster of masters (DefaultMasters when zero or less)
// for t and tears it down when t ends. Where it cannot start, t is skipped
// with the reason, or fails when back ends are required
// (STREAMSAGA_REQUIRE_SERVICES or CI).
func Start(t testing.TB, masters int) *Cluster {
	t.Helper()
	if masters <= 0 {
		masters = DefaultMasters
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	c, err := start(ctx, dir, masters)
	if c != nil {
		t.Cleanup(c.stop)
	}
	if err != nil {
		unavailable(t, err)
	}
	return c
}

// Launch starts a cluster of masters (DefaultMasters when zero or less)
// with the nodes' folders under dir, outside a test: the caller stops it
// with Stop. Where it cannot start, the nodes it started are stopped.
func Launch(ctx context.Context, dir string, masters int) (*Cluster, error) {
	if masters <= 0 {
		masters = DefaultMasters
	}
	c, err := start(ctx, dir, masters)
	if err != nil {
		if c != nil {
			c.stop()
		}
		return nil, fmt.Errorf("starting a Redis Cluster of %d masters: %w", masters, err)
	}
	return c, nil
}

// Stop kills the nodes of a cluster from Launch and waits for them; their
// folders stay with the caller.
func (c *Cluster) Stop() { c.stop() }

// PIDs are the masters' process ids, in start order.
func (c *Cluster) PIDs() []int {
	out := make([]int, len(c.nodes))
	for i, n := range c.nodes {
		out[i] = n.cmd.Process.Pid
	}
	return out
}

func start(ctx context.Context, dir string, masters int) (*Cluster, error) {
	server, cli, err := binaries()
	if err != nil {
		return nil, err
	}
	c := &Cluster{server: server}
	for range masters {
		n, err := startNode(ctx, server, dir)
		if err != nil {
			return c, err
		}
		c.nodes = append(c.nodes, n)
		c.Addrs = append(c.Addrs, n.addr)
	}
	if err := c.create(ctx, cli); err != nil {
		return c, err
	}
	return c, c.waitReady(ctx)
}

// binaries finds redis-server and redis-cli.
func binaries() (server, cli string, err error) {
	if server, err = exec.LookPath("redis-server"); err != nil {
		return "", "", fmt.Errorf("no redis-server binary: %w", err)
	}
	if cli, err = exec.LookPath("redis-cli"); err != nil {
		return "", "", fmt.Errorf("no redis-cli binary: %w", err)
	}
	return server, cli, nil
}

// create joins the nodes into a cluster of masters, the slots split into
// equal contiguous ranges in start order.
func (c *Cluster) create(ctx context.Context, cli string) error {
	args := append([]string{"--cluster", "create"}, c.Addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	cmd := exec.CommandContext(ctx, cli, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("redis-cli --cluster create: %w: %s", err, out.String())
	}
	return nil
}

func (c *Cluster) stop() {
	for _, n := range c.nodes {
		n.stop()
	}
}

func unavailable(t testing.TB, err error) {
	t.Helper()
	if testenv.Required() {
		t.Fatalf("a local Redis Cluster is required (STREAMSAGA_REQUIRE_SERVICES or CI is set) but cannot start: %v", err)
	}
	t.Skipf("skipping: cannot start a local Redis Cluster (%v); install redis-server and redis-cli to run this test", err)
}

// URL is the cluster's REDIS_URL: the first master, and the others in
// go-redis's addr= form.
func (c *Cluster) URL() string {
	q := url.Values{}
	for _, a := range c.Addrs[1:] {
		q.Add("addr", a)
	}
	u := url.URL{Scheme: "redis", Host: c.Addrs[0], RawQuery: q.Encode()}
	return u.String()
}

// Client returns a cluster client with poolSize connections per node
// (go-redis's default when zero), closed when t ends.
func (c *Cluster) Client(t testing.TB, poolSize int) *redis.ClusterClient {
	t.Helper()
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: c.Addrs, PoolSize: poolSize})
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

// Node returns a client of one node alone, closed when t ends.
func (c *Cluster) Node(t testing.TB, addr string) *redis.Client {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

// String names the cluster by its masters.
func (c *Cluster) String() string { return "Redis Cluster " + strings.Join(c.Addrs, ",") }
