package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
)

// dlqReplay is "dlq replay <stream> <entry-id>".
func dlqReplay(*flag.FlagSet) runFunc {
	return func(ctx context.Context, s *session, pos []string) error {
		if err := exactArgs(pos, "<stream>", "<entry-id>"); err != nil {
			return err
		}
		name, id := strings.TrimSpace(pos[0]), strings.TrimSpace(pos[1])
		var doc replayedDoc
		raw, err := s.api.doJSON(ctx, post(pathOf("dlq", name, id, "replay")), &doc)
		if err != nil {
			return err
		}
		if s.json {
			return printJSON(s.stdout, raw)
		}
		_, err = fmt.Fprintf(s.stdout, "replayed dead letter %s of %s: back on %s as entry %s\n",
			doc.ID, doc.Stream, doc.Stream, doc.ReplayedAs)
		return err
	}
}
