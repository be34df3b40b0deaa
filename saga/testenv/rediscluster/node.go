package rediscluster

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// busPortOffset is how far above its port a cluster node listens for the
// other nodes.
const busPortOffset = 10000

// node is one redis-server process.
type node struct {
	addr string
	dir  string
	cmd  *exec.Cmd
	done chan struct{}
}

// startNode starts a cluster-enabled redis-server on a free loopback port
// in a folder of its own under dir and waits until it answers.
func startNode(ctx context.Context, server, dir string) (*node, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	return startNodeOn(ctx, server, filepath.Join(dir, strconv.Itoa(port)), port)
}

// startNodeOn starts a cluster-enabled redis-server on port with its
// files in dir and waits until it answers. A node whose dir holds no
// nodes.conf starts as a new node of no cluster.
func startNodeOn(ctx context.Context, server, dir string, port int) (*node, error) {
	n := &node{addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), dir: dir}
	if err := os.MkdirAll(n.dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the folder of node %s: %w", n.addr, err)
	}
	n.cmd = exec.Command(server, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000",
		"--dir", n.dir, "--save", "", "--appendonly", "no", "--protected-mode", "no",
		"--logfile", "node.log")
	if err := n.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting redis-server on %s: %w", n.addr, err)
	}
	n.done = make(chan struct{})
	go func() { _ = n.cmd.Wait(); close(n.done) }()
	if err := n.waitPing(ctx); err != nil {
		n.stop()
		return nil, err
	}
	return n, nil
}

// waitPing waits until the node answers PING, or it exits.
func (n *node) waitPing(ctx context.Context) error {
	rdb := redis.NewClient(&redis.Options{Addr: n.addr, MaxRetries: -1, DialTimeout: time.Second})
	defer rdb.Close()
	for {
		if rdb.Ping(ctx).Err() == nil {
			return nil
		}
		select {
		case <-n.done:
			return fmt.Errorf("redis-server on %s exited at start: %s", n.addr, n.logTail())
		case <-ctx.Done():
			return fmt.Errorf("redis-server on %s does not answer: %w", n.addr, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop kills the process, one the node started itself, and waits for it.
func (n *node) stop() {
	if n.cmd.Process != nil {
		_ = n.cmd.Process.Kill()
	}
	<-n.done
}

// logTail is the end of the node's log, for a failure message.
func (n *node) logTail() string {
	b, _ := os.ReadFile(filepath.Join(n.dir, "node.log"))
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

// freePort finds a loopback port that is free, as is its cluster bus port.
func freePort() (int, error) {
	for range 50 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, fmt.Errorf("finding a free port: %w", err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		_ = ln.Close()
		if port+busPortOffset > 65535 {
			continue
		}
		bus, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port+busPortOffset)))
		if err != nil {
			continue
		}
		_ = bus.Close()
		return port, nil
	}
	return 0, errors.New("finding a free port: none below 55536 with a free bus port")
}
