package cli

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// dlqList is "dlq list [--stream S] [--shard N] [--limit N]".
func dlqList(fs *flag.FlagSet) runFunc {
	streamName := fs.String("stream", "", "only this logical stream (see dlq streams)")
	shard := fs.Int("shard", -1, "only this shard of the streams, when they are sharded on a Redis Cluster (0 to shards-1)")
	limit := fs.Int("limit", 0, "how many dead letters, newest first (1 to 500; default the API's, 100)")
	return func(ctx context.Context, s *session, pos []string) error {
		if err := noArgs(pos); err != nil {
			return err
		}
		q := url.Values{}
		if name := strings.TrimSpace(*streamName); name != "" {
			q.Set("stream", name)
		}
		if *shard >= 0 {
			q.Set("shard", strconv.Itoa(*shard))
		}
		if *limit != 0 {
			if err := positive("limit", *limit); err != nil {
				return err
			}
			q.Set("limit", strconv.Itoa(*limit))
		}
		var doc dlqDoc
		raw, err := s.api.doJSON(ctx, get("/dlq", q), &doc)
		if err != nil {
			return err
		}
		if s.json {
			return printJSON(s.stdout, raw)
		}
		return s.printDeadLetters(doc.DeadLetters)
	}
}

// printDeadLetters writes the dead letters as a table, with each one's
// shard when the streams are sharded.
func (s *session) printDeadLetters(dls []deadLetterDoc) error {
	if len(dls) == 0 {
		_, err := fmt.Fprintln(s.stdout, "no dead letters")
		return err
	}
	if dls[0].Shard != nil {
		return s.printShardedDeadLetters(dls)
	}
	t := newTable(s.stdout, "STREAM", "ENTRY ID", "AT", "GROUP", "TYPE", "SAGA", "DELIVERIES", "REASON")
	for _, dl := range dls {
		t.row(dl.Stream, dl.ID, fmtTime(dl.At, listTime), dl.Group, dl.Type, dl.SagaID, itoa(dl.Deliveries), dl.Reason)
	}
	return t.flush()
}

func (s *session) printShardedDeadLetters(dls []deadLetterDoc) error {
	t := newTable(s.stdout, "STREAM", "SHARD", "ENTRY ID", "AT", "GROUP", "TYPE", "SAGA", "DELIVERIES", "REASON")
	for _, dl := range dls {
		shard := ""
		if dl.Shard != nil {
			shard = strconv.Itoa(*dl.Shard)
		}
		t.row(dl.Stream, shard, dl.ID, fmtTime(dl.At, listTime), dl.Group, dl.Type, dl.SagaID, itoa(dl.Deliveries), dl.Reason)
	}
	return t.flush()
}
