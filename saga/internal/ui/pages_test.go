package ui_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
)

// page is one answer of the explorer.
type page struct {
	status int
	header http.Header
	body   string
}

func (f *fixture) get(t *testing.T, path string) page {
	t.Helper()
	resp, err := noRedirects.Get(f.srv.URL + path)
	require.NoError(t, err)
	return read(t, resp)
}

func (f *fixture) post(t *testing.T, path string, form url.Values, headers ...string) page {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, f.srv.URL+path, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := noRedirects.Do(req)
	require.NoError(t, err)
	return read(t, resp)
}

func read(t *testing.T, resp *http.Response) page {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return page{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// requireHTML checks an answer is an HTML page with status.
func requireHTML(t *testing.T, p page, status int) {
	t.Helper()
	require.Equal(t, status, p.status, p.body)
	require.Equal(t, "text/html; charset=utf-8", p.header.Get("Content-Type"))
	require.Contains(t, p.body, "<!doctype html>")
	require.Contains(t, p.header.Get("Content-Security-Policy"), "default-src 'none'")
}

var rowPattern = regexp.MustCompile(`(?s)<tr class="tone-[a-z]+" data-kind="([a-z_]+)">.*?<td class="kind">(.*?)</td>.*?<td class="type">(.*?)</td>`)

// timelineRows are the timeline's lines as "label type".
func timelineRows(body string) []string {
	var out []string
	for _, m := range rowPattern.FindAllStringSubmatch(body, -1) {
		out = append(out, m[2]+" "+m[3])
	}
	return out
}

// requireInOrder checks that want occur in got in this order, others
// between them allowed.
func requireInOrder(t *testing.T, got, want []string) {
	t.Helper()
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	require.Equal(t, len(want), i, "timeline %q lacks %q in order", got, want[i:])
}

func TestUIRedirectsToItsSlash(t *testing.T) {
	f := newFixture(t)
	p := f.get(t, "/ui")
	require.Equal(t, http.StatusMovedPermanently, p.status)
	require.Equal(t, "/ui/", p.header.Get("Location"))
}

func TestHomeCountsEveryStateAndPages(t *testing.T) {
	f := newFixture(t)
	requireHTML(t, f.get(t, "/ui/"), http.StatusOK)
	var ids []string
	for range 3 {
		_, id := f.compensatedSaga(t, "insufficient funds")
		ids = append(ids, id)
	}
	p := f.get(t, "/ui/")
	requireHTML(t, p, http.StatusOK)
	for _, st := range saga.States {
		n := "0"
		if st == saga.StateCompensated {
			n = "3"
		}
		require.Contains(t, p.body, `data-state="`+string(st)+`"><span class="n">`+n+`</span>`, "count of %s", st)
	}
	first := f.get(t, "/ui/?state=COMPENSATED&limit=2")
	requireHTML(t, first, http.StatusOK)
	require.Equal(t, 2, strings.Count(first.body, "<tr data-saga-id="))
	next := regexp.MustCompile(`id="next" rel="next" href="([^"]+)"`).FindStringSubmatch(first.body)
	require.NotNil(t, next, "a full page links to the next one")
	second := f.get(t, strings.ReplaceAll(next[1], "&amp;", "&"))
	requireHTML(t, second, http.StatusOK)
	require.Equal(t, 1, strings.Count(second.body, "<tr data-saga-id="))
	require.NotContains(t, second.body, `id="next"`, "the last page has no next page")
	require.Contains(t, second.body, `id="newest"`)
	for _, id := range ids {
		require.True(t, strings.Contains(first.body, id) != strings.Contains(second.body, id), "saga %s is on exactly one page", id)
	}
	empty := f.get(t, "/ui/?state=RUNNING")
	requireHTML(t, empty, http.StatusOK)
	require.Contains(t, empty.body, "No sagas in state RUNNING")
}

func TestSearchRedirectsToTheSaga(t *testing.T) {
	f := newFixture(t)
	orderID, sagaID := f.compensatedSaga(t, "insufficient funds")
	for _, q := range []string{orderID, sagaID, strings.ToUpper(orderID), " " + sagaID + " "} {
		p := f.get(t, "/ui/search?q="+url.QueryEscape(q))
		require.Equal(t, http.StatusSeeOther, p.status, "search %q", q)
		require.Equal(t, "/ui/sagas/"+sagaID, p.header.Get("Location"), "search %q", q)
	}
	unknown := saga.NewID()
	p := f.get(t, "/ui/search?q="+unknown)
	requireHTML(t, p, http.StatusNotFound)
	require.Contains(t, p.body, "No saga and no order has the id "+unknown)
}

func TestUnknownSagaAndPageAre404Pages(t *testing.T) {
	f := newFixture(t)
	id := saga.NewID()
	p := f.get(t, "/ui/sagas/"+id)
	requireHTML(t, p, http.StatusNotFound)
	require.Contains(t, p.body, `data-status="404"`)
	require.Contains(t, p.body, "No saga has the id "+id)
	requireHTML(t, f.get(t, "/ui/no/such/page"), http.StatusNotFound)
	requireHTML(t, f.post(t, "/ui/sagas/"+id+"/retry", nil), http.StatusNotFound)
}

func TestBadInputIs400Page(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{
		"/ui/?state=DONE", "/ui/?limit=0", "/ui/?limit=501", "/ui/?limit=x", "/ui/?cursor=garbage",
		"/ui/search?q=", "/ui/search?q=order-7", "/ui/sagas/not-a-uuid",
	} {
		p := f.get(t, path)
		requireHTML(t, p, http.StatusBadRequest)
		require.Contains(t, p.body, `data-status="400"`, path)
	}
	p := f.post(t, "/ui/sagas/not-a-uuid/retry", nil)
	requireHTML(t, p, http.StatusBadRequest)
}

func TestHostileValuesAreEscaped(t *testing.T) {
	f := newFixture(t)
	const hostile = `<script>alert("pwned")</script><img src=x onerror=alert(1)>`
	const escaped = `&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;`
	_, comp := f.compensatedSaga(t, hostile)
	_, failed := f.failedSaga(t)
	p := f.post(t, "/ui/sagas/"+failed+"/retry", url.Values{"operator": {hostile}})
	require.Equal(t, http.StatusSeeOther, p.status, p.body)

	pages := map[string]page{
		"saga page (failure, last error, reply detail)": f.get(t, "/ui/sagas/"+comp),
		"list (failure column)":                         f.get(t, "/ui/"),
		"timeline (operator name)":                      f.get(t, "/ui/sagas/"+failed),
		"400 page (search box and message)":             f.get(t, "/ui/search?q="+url.QueryEscape(hostile)),
		"400 page (saga id in the path)":                f.get(t, "/ui/sagas/"+url.PathEscape(`<script>alert("pwned")`)),
		"400 page (bad state)":                          f.get(t, "/ui/?state="+url.QueryEscape(hostile)),
	}
	for name, p := range pages {
		require.NotContains(t, p.body, "<script>alert", name)
		require.NotContains(t, p.body, "<img src=x", name)
		require.Contains(t, p.body, "&lt;script&gt;alert(", name)
	}
	require.Contains(t, pages["saga page (failure, last error, reply detail)"].body, escaped)
	require.Contains(t, pages["timeline (operator name)"].body, "retry requested by "+escaped)
}

func TestRetryOnlyOfferedForFailedSagas(t *testing.T) {
	f := newFixture(t)
	_, comp := f.compensatedSaga(t, "insufficient funds")
	_, failed := f.failedSaga(t)
	requireHTML(t, f.get(t, "/ui/sagas/"+comp), http.StatusOK)
	require.NotContains(t, f.get(t, "/ui/sagas/"+comp).body, `id="retry"`)
	require.Contains(t, f.get(t, "/ui/sagas/"+failed).body, `<form id="retry-form" class="retry" method="post" action="/ui/sagas/`+failed+`/retry">`)
}

func TestRetryOfACompensatedSagaIsRefusedOnThePage(t *testing.T) {
	f := newFixture(t)
	_, comp := f.compensatedSaga(t, "insufficient funds")
	before := len(f.history(t, comp))
	p := f.post(t, "/ui/sagas/"+comp+"/retry", url.Values{"operator": {"alice"}})
	requireHTML(t, p, http.StatusConflict)
	require.Contains(t, p.body, `id="error"`)
	require.Contains(t, p.body, "This saga cannot be retried")
	require.Contains(t, p.body, `data-state="COMPENSATED"`, "the saga's own page, with the reason")
	f.requireState(t, comp, saga.StateCompensated)
	require.Len(t, f.history(t, comp), before, "nothing is recorded")
}

func TestRetryRedirectsWithAFlash(t *testing.T) {
	f := newFixture(t)
	_, failed := f.failedSaga(t)
	p := f.post(t, "/ui/sagas/"+failed+"/retry", url.Values{"operator": {"bob"}}, "Sec-Fetch-Site", "same-origin")
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	require.Equal(t, "/ui/sagas/"+failed+"?flash=retried", p.header.Get("Location"))
	f.requireState(t, failed, saga.StateCompensating)

	shown := f.get(t, p.header.Get("Location"))
	requireHTML(t, shown, http.StatusOK)
	require.Contains(t, shown.body, "Retry requested. The saga is now COMPENSATING.")
	requireInOrder(t, timelineRows(shown.body), []string{
		"operator action ", "state changed ", "compensation sent " + ordersaga.ReleaseInventory,
	})
	require.Contains(t, shown.body, "retry requested by bob in state FAILED")
	require.NotContains(t, f.get(t, "/ui/sagas/"+failed+"?flash=<b>hi</b>").body, "<b>hi</b>", "unknown flash codes show nothing")
}

func TestCrossSiteRetryIsRefused(t *testing.T) {
	f := newFixture(t)
	_, failed := f.failedSaga(t)
	p := f.post(t, "/ui/sagas/"+failed+"/retry", nil, "Sec-Fetch-Site", "cross-site")
	requireHTML(t, p, http.StatusForbidden)
	p = f.post(t, "/ui/sagas/"+failed+"/retry", nil, "Origin", "https://evil.example")
	requireHTML(t, p, http.StatusForbidden)
	f.requireState(t, failed, saga.StateFailed)
}

func TestRetryRejectsBadOperator(t *testing.T) {
	f := newFixture(t)
	_, failed := f.failedSaga(t)
	requireHTML(t, f.post(t, "/ui/sagas/"+failed+"/retry", url.Values{"operator": {strings.Repeat("x", 101)}}), http.StatusBadRequest)
	requireHTML(t, f.post(t, "/ui/sagas/"+failed+"/retry", url.Values{"operator": {"a\nb"}}), http.StatusBadRequest)
	f.requireState(t, failed, saga.StateFailed)
}

func TestCompensatedTimelineTellsTheStory(t *testing.T) {
	f := newFixture(t)
	_, comp := f.compensatedSaga(t, "insufficient funds")
	p := f.get(t, "/ui/sagas/"+comp)
	requireHTML(t, p, http.StatusOK)
	rows := timelineRows(p.body)
	require.Len(t, rows, len(f.history(t, comp)), "every history entry is on the page")
	requireInOrder(t, rows, []string{
		"saga started " + ordersaga.OrderCreated,
		"step started " + ordersaga.ReserveInventory,
		"reply received " + ordersaga.InventoryReserved,
		"step started " + ordersaga.ProcessPayment,
		"failure reply " + ordersaga.PaymentFailed,
		"state changed ",
		"compensation sent " + ordersaga.ReleaseInventory,
		"compensation reply " + ordersaga.InventoryReleased,
		"state changed ",
		"event emitted " + ordersaga.OrderRejected,
	})
	require.Contains(t, p.body, `<span id="failure">insufficient funds</span>`)
}

func TestStylesheetIsEmbedded(t *testing.T) {
	f := newFixture(t)
	p := f.get(t, "/ui/static/style.css")
	require.Equal(t, http.StatusOK, p.status)
	require.Contains(t, p.header.Get("Content-Type"), "text/css")
	require.Contains(t, p.body, ".timeline")
}

func TestStuckSagaOffersRetry(t *testing.T) {
	f := newFixture(t)
	_, fresh := f.startOrder(t)
	f.clock.advance(-10 * time.Minute) // the next saga's last change is ten minutes old
	_, stuck := f.startOrder(t)
	f.requireState(t, stuck, saga.StateRunning)

	require.NotContains(t, f.get(t, "/ui/sagas/"+fresh).body, `id="retry"`, "a saga that moves on its own offers no Retry")
	p := f.get(t, "/ui/sagas/"+stuck)
	requireHTML(t, p, http.StatusOK)
	require.Contains(t, p.body, `id="retry"`)
	require.Contains(t, p.body, "No progress for 10m")

	p = f.post(t, "/ui/sagas/"+stuck+"/retry", nil)
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	f.requireState(t, stuck, saga.StateRunning)
	rows := timelineRows(f.get(t, "/ui/sagas/"+stuck).body)
	requireInOrder(t, rows, []string{
		"step started " + ordersaga.ReserveInventory, "operator action ", "command sent " + ordersaga.ReserveInventory,
	})
	require.Contains(t, f.get(t, "/ui/sagas/"+stuck).body, "retry requested by ui in state RUNNING")
}
