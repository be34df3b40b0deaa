package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// unackedEntries counts, per stream key under prefix on rdb, the entries
// its consumer groups have not acknowledged yet (not yet read plus
// pending): what a Redis wipe at this moment loses. rdb is the
// installation's client, or a client of one master of a cluster for what
// that master holds. On a cluster the shards of a stream add up.
func unackedEntries(ctx context.Context, rdb redis.UniversalClient, prefix string) map[string]int {
	out := map[string]int{}
	keys, _ := testenv.ScanKeys(ctx, rdb, prefix+"*")
	for _, key := range keys {
		if t, _ := rdb.Type(ctx, key).Result(); t != "stream" {
			continue
		}
		groups, err := rdb.XInfoGroups(ctx, key).Result()
		if err != nil {
			continue
		}
		out[logicalStream(key, prefix)] += groupBacklog(groups)
	}
	return out
}

// logicalStream is the name of the stream a key under prefix belongs to:
// the shard key "<prefix>{tag}name" of a cluster is the stream "name".
func logicalStream(key, prefix string) string {
	name := strings.TrimPrefix(key, prefix)
	if strings.HasPrefix(name, "{") {
		if end := strings.Index(name, "}"); end > 0 {
			return name[end+1:]
		}
	}
	return name
}

func groupBacklog(groups []redis.XInfoGroup) int {
	n := 0
	for _, g := range groups {
		n += int(g.Pending + max(g.Lag, 0))
	}
	return n
}

// deadLetter is one entry of a dead-letter stream.
type deadLetter struct {
	typ, stream, deliveries, reason string
}

// chaosDeadLetters reads every dead-letter stream of the installation
// (every shard's, on a cluster) and returns its entries by saga id.
func chaosDeadLetters(ctx context.Context, s *system) map[string][]deadLetter {
	out := map[string][]deadLetter{}
	keys, _ := testenv.ScanKeys(ctx, s.streams, s.prefix+"*.dlq")
	for _, key := range keys {
		msgs, err := s.streams.XRange(ctx, key, "-", "+").Result()
		if err != nil {
			continue
		}
		for _, m := range msgs {
			v := func(k string) string { return fmt.Sprint(m.Values[k]) }
			out[v("saga_id")] = append(out[v("saga_id")], deadLetter{typ: v("type"),
				stream: logicalStream(v("dlq_stream"), s.prefix), deliveries: v("dlq_deliveries"), reason: v("dlq_reason")})
		}
	}
	return out
}

var idLike = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|streamsaga_t_[0-9a-f]+`)

// lostOrDead says what became of a message of type typ of a saga that its
// receiver never handled: dead-lettered, or gone with the stream.
func lostOrDead(dead []deadLetter, typ string) string {
	for _, d := range dead {
		if d.typ == typ {
			reason := idLike.ReplaceAllString(d.reason, "…")
			return fmt.Sprintf("dead-lettered from %s after %s deliveries: %.160s", d.stream, d.deliveries, reason)
		}
	}
	return "lost with the stream"
}
