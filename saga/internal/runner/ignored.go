package runner

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// RecordedIgnoredReplies is how many ignored replies (duplicates, late or
// forged ones) a saga records in its history; later ones are only counted
// (GET /sagas/{id} shows the count as ignored_replies), so a flood of
// replies cannot grow a saga's history without bound.
const RecordedIgnoredReplies = 100

// span is the history lines of one ignored reply in a batch's history of
// its saga: [start, end).
type span struct{ start, end int }

// noteIgnored remembers the lines just added to inst's history as those
// of an ignored reply.
func (b *replyBatch) noteIgnored(inst *saga.Instance, lines int) {
	end := len(b.history[inst.ID])
	b.ignored[inst.ID] = append(b.ignored[inst.ID], span{start: end - lines, end: end})
}

// boundIgnored counts the batch's ignored replies per saga and drops the
// history lines of those past RecordedIgnoredReplies, leaving one line
// that says so where the first was dropped. A saga the count no longer
// finds was purged since it was loaded: its lines are dropped too, so no
// history outlives its saga.
func (r *Runner) boundIgnored(ctx context.Context, tx driver.Tx, b *replyBatch) error {
	if len(b.ignored) == 0 {
		return nil
	}
	counts := make(map[string]int, len(b.ignored))
	for id, spans := range b.ignored {
		counts[id] = len(spans)
	}
	totals, err := tx.CountIgnoredReplies(ctx, counts)
	if err != nil {
		return fmt.Errorf("counting ignored replies: %w", err)
	}
	for id, spans := range b.ignored {
		if _, ok := totals[id]; !ok {
			delete(b.history, id)
			continue
		}
		prior := totals[id] - len(spans)
		keep := max(0, RecordedIgnoredReplies-prior)
		if keep < len(spans) {
			b.history[id] = dropSpans(b.history[id], spans[keep:], keep > 0 || prior == RecordedIgnoredReplies)
		}
	}
	return nil
}

// dropSpans removes the lines of spans (in order, not overlapping) from
// hist; with note, a line saying that further ignored replies are only
// counted takes the place of the first.
func dropSpans(hist []saga.HistoryEntry, spans []span, note bool) []saga.HistoryEntry {
	out := make([]saga.HistoryEntry, 0, len(hist))
	next := 0
	for i, s := range spans {
		out = append(out, hist[next:s.start]...)
		if i == 0 && note {
			h := hist[s.start]
			out = append(out, saga.HistoryEntry{At: h.At, Kind: saga.HistoryReplyIgnored, Step: h.Step,
				Detail: fmt.Sprintf("more than %d replies ignored: further ones are counted in ignored_replies, not recorded", RecordedIgnoredReplies)})
		}
		next = s.end
	}
	return append(out, hist[next:]...)
}
