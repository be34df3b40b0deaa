package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/redis/go-redis/v9"
)

// unackedEntries counts, per stream of the installation, the entries its
// consumer groups have not acknowledged yet (not yet read plus pending):
// what a Redis wipe at this moment loses.
func unackedEntries(ctx context.Context, s *system) map[string]int {
	out := map[string]int{}
	iter := s.rdb.Scan(ctx, 0, s.prefix+"*", 500).Iterator()
	for iter.Next(ctx) {
		key := iter.Val()
		if t, _ := s.rdb.Type(ctx, key).Result(); t != "stream" {
			continue
		}
		groups, err := s.rdb.XInfoGroups(ctx, key).Result()
		if err != nil {
			continue
		}
		out[strings.TrimPrefix(key, s.prefix)] = groupBacklog(groups)
	}
	return out
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

// chaosDeadLetters reads every dead-letter stream of the installation and
// returns its entries by saga id.
func chaosDeadLetters(ctx context.Context, s *system) map[string][]deadLetter {
	out := map[string][]deadLetter{}
	iter := s.rdb.Scan(ctx, 0, s.prefix+"*.dlq", 100).Iterator()
	for iter.Next(ctx) {
		msgs, err := s.rdb.XRange(ctx, iter.Val(), "-", "+").Result()
		if err != nil {
			continue
		}
		for _, m := range msgs {
			v := func(k string) string { return fmt.Sprint(m.Values[k]) }
			out[v("saga_id")] = append(out[v("saga_id")], deadLetter{typ: v("type"),
				stream: strings.TrimPrefix(v("dlq_stream"), s.prefix), deliveries: v("dlq_deliveries"), reason: v("dlq_reason")})
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
