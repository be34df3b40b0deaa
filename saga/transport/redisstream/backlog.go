package redisstream

import (
	"context"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

var _ transport.BacklogReader = (*Transport)(nil)

// Backlogs reads the groups of every key of the streams (XINFO GROUPS,
// one pipeline), then, for each group with entries it was not handed yet,
// the first of them (XRANGE from just after the group's last delivered
// id, one pipeline): its id tells when it was added. A key that does not
// exist has no groups.
func (t *Transport) Backlogs(ctx context.Context, streams ...string) ([]transport.Backlog, error) {
	type keyOf struct{ stream, key string }
	var keys []keyOf
	for _, name := range streams {
		for _, key := range t.keys.StreamKeys(name) {
			keys = append(keys, keyOf{name, key})
		}
	}
	pipe := t.rdb.Pipeline()
	infos := make([]*redis.XInfoGroupsCmd, len(keys))
	for i, k := range keys {
		infos[i] = pipe.XInfoGroups(ctx, k.key)
	}
	_, _ = pipe.Exec(ctx) // each command keeps its own error
	var out []transport.Backlog
	var partKeys []string
	for i, cmd := range infos {
		groups, err := cmd.Result()
		if stream.IsNoSuchKey(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading the consumer groups of %s: %w", keys[i].key, err)
		}
		for _, g := range groups {
			out = append(out, transport.Backlog{Stream: keys[i].stream, Group: strings.TrimPrefix(g.Name, t.keys.Prefix),
				Part: t.part(keys[i].key), Position: g.LastDeliveredID, Waiting: g.Lag})
			partKeys = append(partKeys, keys[i].key)
		}
	}
	if err := t.oldestWaiting(ctx, out, partKeys); err != nil {
		return nil, fmt.Errorf("reading the backlogs of %s: %w", strings.Join(streams, ", "), err)
	}
	return out, nil
}

// oldestWaiting sets OldestWaitingSince of each backlog that may have
// entries waiting, from the first entry after its position on its key.
func (t *Transport) oldestWaiting(ctx context.Context, bs []transport.Backlog, keys []string) error {
	pipe := t.rdb.Pipeline()
	firsts := make([]*redis.XMessageSliceCmd, len(bs))
	for i, b := range bs {
		if b.Waiting != 0 {
			firsts[i] = pipe.XRangeN(ctx, keys[i], "("+b.Position, "+", 1)
		}
	}
	if pipe.Len() == 0 {
		return nil
	}
	_, _ = pipe.Exec(ctx)
	for i, cmd := range firsts {
		if cmd == nil {
			continue
		}
		msgs, err := cmd.Result()
		if err != nil {
			return fmt.Errorf("XRANGE of %s: %w", keys[i], err)
		}
		if len(msgs) == 0 {
			bs[i].Waiting = 0
			continue
		}
		bs[i].OldestWaitingSince = stream.AddedAt(msgs[0].ID)
	}
	return nil
}

// part names key's shard, "" on a single Redis.
func (t *Transport) part(key string) string {
	if !t.keys.Sharded() {
		return ""
	}
	return key
}
