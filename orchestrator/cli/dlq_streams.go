package cli

import (
	"context"
	"flag"
	"fmt"
)

// dlqStreamsDoc is the answer to GET /dlq/streams.
type dlqStreamsDoc struct {
	Streams []string `json:"streams"`
}

// dlqStreams is "dlq streams": the logical streams whose dead letters the
// orchestrator serves, one a line.
func dlqStreams(*flag.FlagSet) runFunc {
	return func(ctx context.Context, s *session, pos []string) error {
		if err := noArgs(pos); err != nil {
			return err
		}
		var doc dlqStreamsDoc
		raw, err := s.api.doJSON(ctx, get("/dlq/streams", nil), &doc)
		if err != nil {
			return err
		}
		if s.json {
			return printJSON(s.stdout, raw)
		}
		for _, name := range doc.Streams {
			if _, err := fmt.Fprintln(s.stdout, name); err != nil {
				return err
			}
		}
		return nil
	}
}
