package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/streamsaga/streamsaga/saga"
)

// Bounds of a saga's page.
const (
	// TimelineLines is how many history lines a saga's page shows.
	TimelineLines = 500
	// MaxDetailBytes is the longest detail shown in full.
	MaxDetailBytes = 400
)

// firstHistory reads the first TimelineLines lines of a saga's history
// and, when there are more, the API address that continues them.
func (u *UI) firstHistory(r *http.Request, id string) ([]saga.HistoryEntry, string, error) {
	hist, err := u.store.HistoryPage(r.Context(), id, 0, TimelineLines+1)
	if err != nil {
		return nil, "", fmt.Errorf("reading the history of saga %s: %w", id, err)
	}
	if len(hist) <= TimelineLines {
		return hist, "", nil
	}
	hist = hist[:TimelineLines]
	next := strconv.FormatInt(hist[len(hist)-1].Seq, 10)
	return hist, "/sagas/" + id + "?history_cursor=" + next, nil
}

// cut shortens s to about max bytes, on a rune boundary, and says how
// long it was.
func cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	n := max
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return fmt.Sprintf("%s… (%d bytes, cut to %d)", s[:n], len(s), n)
}
