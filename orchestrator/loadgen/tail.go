package loadgen

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Bounds of the stream tail: entries per read, the longest a read blocks
// (a stop is noticed within it), and the pause after a failed read.
const (
	tailCount = 512
	tailBlock = 500 * time.Millisecond
	tailPause = time.Second
)

// tail reads one key of orders.events (on a cluster, one shard key; a run
// tails each) with plain XREAD, without a consumer group, so it takes
// nothing from the orchestrator, and hands each outcome event of the run
// to its tracker.
type tail struct {
	rdb     redis.UniversalClient
	key     string
	from    string
	plan    plan
	tracker *tracker
	warn    func(format string, args ...any)
}

// lastID returns the id of the newest entry of key, or "0-0" when the
// stream is empty or does not exist yet.
func lastID(ctx context.Context, rdb redis.UniversalClient, key string) (string, error) {
	msgs, err := rdb.XRevRangeN(ctx, key, "+", "-", 1).Result()
	if err != nil {
		return "", fmt.Errorf("reading the last entry of %s: %w", key, err)
	}
	if len(msgs) == 0 {
		return "0-0", nil
	}
	return msgs[0].ID, nil
}

// run reads until ctx is done.
func (t *tail) run(ctx context.Context) {
	for ctx.Err() == nil {
		if err := t.readOnce(ctx); err != nil && ctx.Err() == nil {
			t.warn("reading %s failed, retrying: %v", t.key, err)
			sleep(ctx, tailPause)
		}
	}
}

func (t *tail) readOnce(ctx context.Context) error {
	streams, err := t.rdb.XRead(ctx, &redis.XReadArgs{Streams: []string{t.key, t.from}, Count: tailCount, Block: tailBlock}).Result()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, s := range streams {
		for _, m := range s.Messages {
			t.from = m.ID
			t.handle(m)
		}
	}
	return nil
}

func (t *tail) handle(m redis.XMessage) {
	r, customer, ok := parseOutcome(m)
	if ok && t.plan.owns(customer) {
		t.tracker.resolve(r)
	}
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
	case <-timer.C:
	}
}
