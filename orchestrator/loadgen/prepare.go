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

// redisPoolSize covers the tail's blocking read and a spare; on a
// cluster each node's pool also holds a blocking read per shard key.
const redisPoolSize = 4

// run is a prepared run: services checked, stock and accounts set up, and
// the position of orders.events noted before any order is placed.
type run struct {
	cfg  Config
	plan plan
	svc  *services
	rdb  redis.UniversalClient
	// keys are the keys of orders.events: one on a single Redis, one per
	// shard on a cluster; froms are their positions, in the same order.
	keys  []string
	froms []string
	con   *console
	// writeInterval writes each interval's report; nil without
	// Config.Interval.
	writeInterval func(IntervalReport)
}

func prepare(ctx context.Context, cfg Config, stderr io.Writer) (*run, error) {
	ctx, cancel := context.WithTimeout(ctx, setupTimeout)
	defer cancel()
	r := &run{cfg: cfg, plan: newPlan(cfg), svc: newServices(cfg), con: newConsole(stderr)}
	if err := r.svc.checkHealth(ctx); err != nil {
		return nil, err
	}
	rdb, err := stream.Dial(ctx, cfg.RedisURL, stream.Pool{Size: redisPoolSize, Readers: 1, Shards: cfg.StreamShards})
	if err != nil {
		return nil, err
	}
	r.rdb = rdb
	r.keys = stream.KeysFor(rdb, cfg.StreamPrefix, cfg.StreamShards).StreamKeys(ordersaga.EventsStream)
	for _, key := range r.keys {
		from, err := lastID(ctx, rdb, key)
		if err != nil {
			r.close()
			return nil, err
		}
		r.froms = append(r.froms, from)
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
	outcomes := fmt.Sprintf("outcomes from %s after %s", r.keys[0], r.froms[0])
	if len(r.keys) > 1 {
		outcomes = fmt.Sprintf("outcomes from the %d shard keys of %s", len(r.keys), ordersaga.EventsStream)
	}
	return fmt.Sprintf("run %s: %s %s (warm-up %s) against %s; %s", c.RunID, mode, stop, c.Warmup, c.OrchestratorURL, outcomes)
}
