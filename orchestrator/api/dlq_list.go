package api

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// Limits of GET /dlq.
const (
	DefaultDLQLimit = stream.DefaultListDLQCount
	MaxDLQLimit     = 500
)

// dlqQuery is a parsed GET /dlq query.
type dlqQuery struct {
	streams []string
	limit   int
}

func (a *API) listDLQ(w http.ResponseWriter, r *http.Request) {
	q, err := a.dlq.parseQuery(r)
	if err != nil {
		httpx.WriteRequestError(w, err)
		return
	}
	dls, err := a.dlq.list(r.Context(), q)
	if err != nil {
		a.failRedis(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DLQView{DeadLetters: dls})
}

func (d *DLQ) parseQuery(r *http.Request) (dlqQuery, error) {
	v := r.URL.Query()
	q := dlqQuery{streams: d.Streams, limit: DefaultDLQLimit}
	if s := v.Get("stream"); s != "" {
		if err := d.checkStream(s, http.StatusBadRequest); err != nil {
			return q, err
		}
		q.streams = []string{s}
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxDLQLimit {
			return q, httpx.Errorf(http.StatusBadRequest, "limit must be a whole number from 1 to %d", MaxDLQLimit)
		}
		q.limit = n
	}
	return q, nil
}

// list reads up to q.limit dead letters of each stream and keeps the
// q.limit newest of them all, by dead-letter entry id (Redis's clock).
func (d *DLQ) list(ctx context.Context, q dlqQuery) ([]DeadLetterView, error) {
	out := []DeadLetterView{}
	for _, name := range q.streams {
		dls, err := stream.ListDLQ(ctx, d.Redis, d.Keys, name, int64(q.limit))
		if err != nil {
			return nil, err
		}
		for _, dl := range dls {
			out = append(out, deadLetterView(name, dl, MaxListedValueBytes))
		}
	}
	slices.SortStableFunc(out, newestFirst)
	return out[:min(len(out), q.limit)], nil
}

func newestFirst(a, b DeadLetterView) int {
	ia, _ := parseEntryID(a.ID)
	ib, _ := parseEntryID(b.ID)
	return cmp.Or(ib.compare(ia), cmp.Compare(a.Stream, b.Stream))
}

// entryID is a Redis stream entry id, "<milliseconds>-<sequence>".
type entryID struct{ ms, seq uint64 }

// errEntryID says what an entry id looks like.
var errEntryID = errors.New("an entry id looks like 1700000000000-0")

// parseEntryID accepts only a complete id: Redis would read "123" as a
// range bound, not as one entry.
func parseEntryID(s string) (entryID, error) {
	msPart, seqPart, ok := strings.Cut(s, "-")
	if !ok {
		return entryID{}, errEntryID
	}
	ms, err1 := strconv.ParseUint(msPart, 10, 64)
	seq, err2 := strconv.ParseUint(seqPart, 10, 64)
	if err1 != nil || err2 != nil {
		return entryID{}, errEntryID
	}
	return entryID{ms: ms, seq: seq}, nil
}

func (e entryID) compare(o entryID) int {
	return cmp.Or(cmp.Compare(e.ms, o.ms), cmp.Compare(e.seq, o.seq))
}
