package loadgen

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// setupTimeout bounds the checks and set-up before a run.
const setupTimeout = 60 * time.Second

// redisPoolSize covers the tail's blocking read and a spare.
const redisPoolSize = 4

// run is a prepared run: services checked, stock and accounts set up, and
// the position of orders.events noted before any order is placed.
type run struct {
	cfg  Config
	plan plan
	svc  *services
	rdb  *redis.Client
	key  string
	from string
	con  *console
}

func prepare(ctx context.Context, cfg Config, stderr io.Writer) (*run, error) {
	ctx, cancel := context.WithTimeout(ctx, setupTimeout)
	defer cancel()
	r := &run{cfg: cfg, plan: newPlan(cfg), svc: newServices(cfg), con: newConsole(stderr),
		key: stream.Keys{Prefix: cfg.StreamPrefix}.Stream(ordersaga.EventsStream)}
	if err := r.svc.checkHealth(ctx); err != nil {
		return nil, err
	}
	rdb, err := stream.Connect(ctx, cfg.RedisURL, redisPoolSize)
	if err != nil {
		return nil, err
	}
	r.rdb = rdb
	if r.from, err = lastID(ctx, rdb, r.key); err != nil {
		r.close()
		return nil, err
	}
	if err := r.svc.setUp(ctx, r.plan); err != nil {
		r.close()
		return nil, err
	}
	return r, nil
}

func (r *run) close() {
	_ = r.rdb.Close()
	r.svc.closeIdle()
}

// describe is the line announcing the run.
func (r *run) describe() string {
	c := r.cfg
	mode := fmt.Sprintf("closed loop with %d clients", c.Clients)
	if c.OpenLoop() {
		mode = fmt.Sprintf("open loop at %g orders/s", c.Rate)
	}
	stop := fmt.Sprintf("for %s", c.Duration)
	switch {
	case c.Count > 0 && c.Duration > 0:
		stop = fmt.Sprintf("for %d orders or %s", c.Count, c.Duration)
	case c.Count > 0:
		stop = fmt.Sprintf("for %d orders", c.Count)
	}
	return fmt.Sprintf("run %s: %s %s (warm-up %s) against %s; outcomes from %s after %s",
		c.RunID, mode, stop, c.Warmup, c.OrchestratorURL, r.key, r.from)
}
