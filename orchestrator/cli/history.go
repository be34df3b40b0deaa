package cli

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
)

// MaxHistoryLines bounds the history lines sagas show reads and prints;
// past it, it says where the rest is.
const MaxHistoryLines = 10_000

// historyPageLimit is how many history lines sagas show asks for per
// request after the first page (the API's largest history_limit).
const historyPageLimit = 1000

// historyPageDoc is the history part of a GET /sagas/{id} answer.
type historyPageDoc struct {
	History    []historyDoc `json:"history"`
	NextCursor string       `json:"history_next_cursor"`
}

// readHistory follows the saga's history pages after the first one, up
// to MaxHistoryLines lines; it returns the cursor of the lines left
// unread, empty when it read them all.
func (s *session) readHistory(ctx context.Context, sg *sagaDoc) (string, error) {
	cursor := sg.HistoryNextCursor
	for cursor != "" && len(sg.History) < MaxHistoryLines {
		limit := min(historyPageLimit, MaxHistoryLines-len(sg.History))
		q := url.Values{"history_cursor": {cursor}, "history_limit": {strconv.Itoa(limit)}}
		var page historyPageDoc
		if _, err := s.api.doJSON(ctx, get(pathOf("sagas", sg.SagaID), q), &page); err != nil {
			return "", fmt.Errorf("reading the history of saga %s: %w", sg.SagaID, err)
		}
		if page.NextCursor == cursor {
			return "", fmt.Errorf("GET /sagas/%s: the server returned history cursor %q again", sg.SagaID, cursor)
		}
		sg.History = append(sg.History, page.History...)
		cursor = page.NextCursor
	}
	return cursor, nil
}

// noteMoreHistory says on stderr that the history goes on past what was
// printed, and where.
func (s *session) noteMoreHistory(sagaID, cursor string, shown int) {
	if cursor == "" {
		return
	}
	fmt.Fprintf(s.stderr, "(the first %d history lines are shown; there are more: GET /sagas/%s?history_cursor=%s)\n",
		shown, sagaID, url.QueryEscape(cursor))
}
