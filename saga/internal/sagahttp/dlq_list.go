package sagahttp

import (
	"cmp"
	"context"
	"net/http"
	"strconv"

	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// Limits of GET /dlq.
const (
	DefaultDLQLimit = transport.DefaultListLimit
	MaxDLQLimit     = 500
)

// dlqQuery is a parsed GET /dlq query.
type dlqQuery struct {
	streams []string
	limit   int
	// shard, when set, is the only shard listed.
	shard *int
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
	q := dlqQuery{streams: d.known, limit: DefaultDLQLimit}
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
	if s := v.Get("shard"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n >= max(d.Shards, 1) {
			return q, httpx.Errorf(http.StatusBadRequest, "shard must be a whole number from 0 to %d", max(d.Shards, 1)-1)
		}
		q.shard = &n
	}
	return q, nil
}

// list reads up to q.limit dead letters of each stream and keeps the
// q.limit newest of them all: each stream's own order, merged by the time
// its dead letters were written.
func (d *DLQ) list(ctx context.Context, q dlqQuery) ([]DeadLetterView, error) {
	lists := make([][]transport.DeadLetter, len(q.streams))
	for i, name := range q.streams {
		dls, err := d.DeadLetters.List(ctx, name, transport.ListOpts{Limit: q.limit, Shard: q.shard})
		if err != nil {
			return nil, err
		}
		lists[i] = dls
	}
	out := []DeadLetterView{}
	for len(out) < q.limit {
		i := newest(lists, q.streams)
		if i < 0 {
			break
		}
		out = append(out, d.view(q.streams[i], lists[i][0], MaxListedValueBytes))
		lists[i] = lists[i][1:]
	}
	return out, nil
}

// newest is the index of the list, each newest first, whose first dead
// letter is the newest of all; a tie goes to the stream named first. It is
// -1 when every list is empty.
func newest(lists [][]transport.DeadLetter, names []string) int {
	best := -1
	for i, l := range lists {
		if len(l) == 0 {
			continue
		}
		if best < 0 || cmp.Or(l[0].At.Compare(lists[best][0].At), cmp.Compare(names[best], names[i])) > 0 {
			best = i
		}
	}
	return best
}
