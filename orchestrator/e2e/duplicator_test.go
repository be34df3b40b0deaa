package e2e

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// duplicator re-adds every entry of the saga's streams once more, so every
// command, reply and event is delivered twice, under the same message id,
// the way a relay that crashed after XADD but before its commit would.
type duplicator struct {
	rdb    *redis.Client
	keys   []string
	cancel context.CancelFunc
	wg     sync.WaitGroup
	mu     sync.Mutex
	copies int
}

const dupField = "duplicated_by_test"

func startDuplicator(t *testing.T, rdb *redis.Client, keys ...string) *duplicator {
	ctx, cancel := context.WithCancel(context.Background())
	d := &duplicator{rdb: rdb, keys: keys, cancel: cancel}
	d.wg.Add(1)
	go d.run(ctx)
	t.Cleanup(d.stop)
	return d
}

func (d *duplicator) stop() {
	d.cancel()
	d.wg.Wait()
}

func (d *duplicator) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.copies
}

func (d *duplicator) run(ctx context.Context) {
	defer d.wg.Done()
	ids := make([]string, len(d.keys))
	for i := range ids {
		ids[i] = "0-0"
	}
	for ctx.Err() == nil {
		res, err := d.rdb.XRead(ctx, &redis.XReadArgs{Streams: append(append([]string{}, d.keys...), ids...), Block: 200 * time.Millisecond, Count: 100}).Result()
		if err != nil {
			if !errors.Is(err, redis.Nil) {
				time.Sleep(50 * time.Millisecond)
			}
			continue
		}
		for _, s := range res {
			for _, m := range s.Messages {
				ids[indexOf(d.keys, s.Stream)] = m.ID
				d.copy(ctx, s.Stream, m)
			}
		}
	}
}

func (d *duplicator) copy(ctx context.Context, key string, m redis.XMessage) {
	if _, dup := m.Values[dupField]; dup {
		return
	}
	values := map[string]any{dupField: "1"}
	for k, v := range m.Values {
		values[k] = v
	}
	if d.rdb.XAdd(ctx, &redis.XAddArgs{Stream: key, Values: values}).Err() == nil {
		d.mu.Lock()
		d.copies++
		d.mu.Unlock()
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
