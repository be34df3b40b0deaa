package sagahttp

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/streamsaga/streamsaga/saga/httpx"
)

// Bounds of the history in GET /sagas/{id}.
const (
	// HistoryPageSize is how many history lines GET /sagas/{id} returns
	// unless history_limit asks for fewer or more.
	HistoryPageSize = 500
	// MaxHistoryPageSize is the largest history_limit.
	MaxHistoryPageSize = 1000
	// MaxFieldBytes is the longest history detail shown in full; a longer
	// one is cut and says how long it was.
	MaxFieldBytes = 1024
)

// historyQuery is the history page a GET /sagas/{id} asks for.
type historyQuery struct {
	after int64
	limit int
}

// parseHistoryQuery reads history_cursor and history_limit.
func parseHistoryQuery(r *http.Request) (historyQuery, error) {
	q := historyQuery{limit: HistoryPageSize}
	if c := r.URL.Query().Get("history_cursor"); c != "" {
		n, err := strconv.ParseInt(c, 10, 64)
		if err != nil || n < 0 {
			return q, httpx.Errorf(http.StatusBadRequest, "history_cursor %q is not a cursor this API returned", c)
		}
		q.after = n
	}
	if l := r.URL.Query().Get("history_limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > MaxHistoryPageSize {
			return q, httpx.Errorf(http.StatusBadRequest, "history_limit must be between 1 and %d", MaxHistoryPageSize)
		}
		q.limit = n
	}
	return q, nil
}

// historyPage reads one page of a saga's history into v: its lines with
// big fields cut, and the cursor of the next page when there is one.
func (a *API) historyPage(r *http.Request, v *SagaView) error {
	q, err := parseHistoryQuery(r)
	if err != nil {
		return err
	}
	hist, err := a.store.HistoryPage(r.Context(), v.SagaID, q.after, q.limit+1)
	if err != nil {
		return err
	}
	if len(hist) > q.limit {
		hist = hist[:q.limit]
		v.HistoryNextCursor = strconv.FormatInt(hist[len(hist)-1].Seq, 10)
	}
	v.History = historyViews(hist)
	return nil
}

// Truncate cuts s to max bytes (on a rune boundary) and says how long it
// was; a shorter s is returned as it is.
func Truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes, cut to %d)", s[:cut], len(s), cut)
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
