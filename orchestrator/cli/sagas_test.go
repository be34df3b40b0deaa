package cli_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// listTime is how the tables print times: UTC to the second.
var listTime = regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`)

// lines splits output into lines, without the last line break.
func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

// rowOf is the line of out that contains key, split into its columns.
func rowOf(t *testing.T, out, key string) []string {
	t.Helper()
	for _, l := range lines(out) {
		if strings.Contains(l, key) {
			return strings.Fields(l)
		}
	}
	t.Fatalf("no line with %q in:\n%s", key, out)
	return nil
}

func TestSagasListTable(t *testing.T) {
	f := newFixture(t, options{})
	done, comp, failed, running := f.completedSaga(t), f.compensatedSaga(t, "insufficient funds"), f.failedSaga(t), f.startSaga(t, "dave")

	out := f.cli(t, "sagas", "list").ok(t).stdout
	ls := lines(out)
	require.Len(t, ls, 5, out)
	require.Equal(t, []string{"SAGA", "ID", "STATE", "TYPE", "ORDER", "CREATED", "UPDATED"}, strings.Fields(ls[0]))
	for o, state := range map[order]string{done: "COMPLETED", comp: "COMPENSATED", failed: "FAILED", running: "RUNNING"} {
		row := rowOf(t, out, o.sagaID)
		require.Equal(t, []string{o.sagaID, state, "order", o.id}, row[:4])
		require.Regexp(t, listTime, strings.Join(row[4:6], " "))
	}
	requireAligned(t, out, "STATE", map[string]string{done.sagaID: "COMPLETED", running.sagaID: "RUNNING"})
	requireAligned(t, out, "ORDER", map[string]string{comp.sagaID: comp.id, failed.sagaID: failed.id})

	onlyFailed := f.cli(t, "sagas", "list", "--state", "failed").ok(t).stdout
	require.Len(t, lines(onlyFailed), 2, onlyFailed)
	require.Contains(t, onlyFailed, failed.sagaID)
	require.Equal(t, "no COMPENSATING sagas\n", f.cli(t, "sagas", "list", "--state", "COMPENSATING").ok(t).stdout)
}

func TestSagasListJSONIsTheAPIAnswer(t *testing.T) {
	f := newFixture(t, options{})
	f.completedSaga(t)
	f.compensatedSaga(t, "insufficient funds")

	got := f.cli(t, "sagas", "list", "--json").ok(t).stdout
	require.JSONEq(t, f.apiGet(t, "/sagas?limit=50"), got)
	var doc struct {
		Sagas []map[string]any `json:"sagas"`
	}
	require.NoError(t, json.Unmarshal([]byte(got), &doc))
	require.Len(t, doc.Sagas, 2)

	// The global flags go anywhere: before the group, between the words, last.
	byState := f.apiGet(t, "/sagas?limit=50&state=COMPENSATED")
	require.JSONEq(t, byState, f.cli(t, "--json", "sagas", "list", "--state", "COMPENSATED").ok(t).stdout)
	require.JSONEq(t, byState, f.cli(t, "sagas", "--json", "list", "--state=COMPENSATED").ok(t).stdout)
}

func TestSagasListPages(t *testing.T) {
	f := newFixture(t, options{})
	var all []order
	for range 3 {
		all = append(all, f.startSaga(t, "alice"))
	}
	first := f.cli(t, "sagas", "list", "--limit", "2")
	require.Equal(t, 0, first.code)
	require.Len(t, lines(first.stdout), 3, first.stdout)
	require.Contains(t, first.stderr, "--all lists them all")

	every := f.cli(t, "sagas", "list", "--limit", "1", "--all").ok(t).stdout
	require.Len(t, lines(every), 4, every)
	for _, o := range all {
		require.Contains(t, every, o.sagaID)
	}
	merged := f.cli(t, "sagas", "list", "--limit", "1", "--all", "--json").ok(t).stdout
	require.JSONEq(t, f.apiGet(t, "/sagas?limit=50"), merged, "the pages merged are the one long page")
}

func TestSagasShow(t *testing.T) {
	f := newFixture(t, options{})
	o := f.compensatedSaga(t, "insufficient funds")

	out := f.cli(t, "sagas", "show", o.sagaID).ok(t).stdout
	header, steps, timeline := sections(t, out)
	require.Equal(t, []string{"Saga:", o.sagaID}, rowOf(t, header, "Saga:"))
	require.Equal(t, []string{"State:", "COMPENSATED"}, rowOf(t, header, "State:"))
	require.Equal(t, []string{"Order:", o.id}, rowOf(t, header, "Order:"))
	require.Equal(t, []string{"Failure:", "insufficient", "funds"}, rowOf(t, header, "Failure:"))
	require.NotEqual(t, []string{"Completed:", "-"}, rowOf(t, header, "Completed:"))

	require.Contains(t, rowOf(t, header, "Data:")[1], `"order_id":"`+o.id+`"`, "the saga's data on one line")

	require.Equal(t, []string{"STEP", "STATE", "ATTEMPTS", "COMP.", "ATTEMPTS", "RESULT", "LAST", "ERROR"}, strings.Fields(lines(steps)[0]))
	reserve := rowOf(t, steps, "reserve_inventory")
	require.Equal(t, []string{"reserve_inventory", "COMPENSATED", "1", "1"}, reserve[:4])
	require.Contains(t, reserve[4], `"order_id":"`+o.id+`"`, "the reservation's result")
	require.Equal(t, []string{"-"}, reserve[5:])
	require.Equal(t, []string{"process_payment", "FAILED", "1", "0", "-", "insufficient", "funds"}, rowOf(t, steps, "process_payment"))

	require.Equal(t, []string{"TIME", "KIND", "STEP", "MESSAGE", "TYPE", "DETAIL"}, strings.Fields(lines(timeline)[0]))
	require.Equal(t, []string{"saga_started", "-", "OrderCreated"}, rowOf(t, timeline, "saga_started")[2:5])
	require.Equal(t, []string{"reply_received", "process_payment", "PaymentFailed", "insufficient", "funds"},
		rowOf(t, timeline, "PaymentFailed")[2:])
	require.Equal(t, "OrderRejected", rowOf(t, timeline, "event_emitted")[4])
	require.Len(t, lines(timeline), 1+f.historyLen(t, o), "one line per history entry")

	require.JSONEq(t, f.apiGet(t, "/sagas/"+o.sagaID), f.cli(t, "sagas", "show", o.sagaID, "--json").ok(t).stdout)
}

func TestSagasShowByOrderID(t *testing.T) {
	f := newFixture(t, options{})
	o := f.compensatedSaga(t, "insufficient funds")

	out := f.cli(t, "sagas", "show", o.id).ok(t).stdout
	header, _, _ := sections(t, out)
	require.Equal(t, []string{"Saga:", o.sagaID}, rowOf(t, header, "Saga:"))
	require.Equal(t, []string{"Order:", o.id, "(REJECTED:", "insufficient", "funds)"}, rowOf(t, header, "Order:"))
	require.JSONEq(t, f.apiGet(t, "/sagas/"+o.sagaID), f.cli(t, "--json", "sagas", "show", o.id).ok(t).stdout)

	pending, _ := f.placeOrder(t, "erin") // its OrderCreated not handled yet
	r := f.cli(t, "sagas", "show", pending.id)
	require.Equal(t, 1, r.code)
	require.Empty(t, r.stdout)
	require.Equal(t, "orchestrator: order "+pending.id+" has saga "+pending.sagaID+": GET /sagas/"+pending.sagaID+
		": 404 Not Found: saga "+pending.sagaID+" has not started yet: order "+pending.id+
		" is PENDING; its saga starts within moments\n", r.stderr)

	unknown := "7d1c8a5e-0000-4000-8000-000000000000"
	r = f.cli(t, "sagas", "show", unknown)
	require.Equal(t, 1, r.code)
	require.Equal(t, "orchestrator: GET /sagas/"+unknown+": 404 Not Found: not found (no saga or order has this id)\n", r.stderr)
}

func TestSagasRetry(t *testing.T) {
	f := newFixture(t, options{})
	failed, done := f.failedSaga(t), f.completedSaga(t)

	out := f.cli(t, "sagas", "retry", "--operator", "alice", failed.sagaID).ok(t).stdout
	require.Equal(t, "retry of saga "+failed.sagaID+" accepted (operator alice): now COMPENSATING, "+
		"step reserve_inventory compensating again\n", out)
	f.requireState(t, failed, "COMPENSATING")
	show := f.cli(t, "sagas", "show", failed.sagaID).ok(t).stdout
	require.Contains(t, show, "retry requested by alice in state FAILED")

	out = f.cli(t, "sagas", "retry", failed.sagaID).ok(t).stdout
	require.Contains(t, out, "(operator tester)", "the operator defaults to $USER")

	r := f.cli(t, "sagas", "retry", done.sagaID)
	require.Equal(t, 1, r.code)
	require.Empty(t, r.stdout)
	require.Equal(t, "orchestrator: POST /sagas/"+done.sagaID+"/retry: 409 Conflict: saga "+done.sagaID+
		" is COMPLETED: saga cannot be resumed\n", r.stderr)
}

// sections splits sagas show's output at its blank lines: header block,
// steps table, timeline.
func sections(t *testing.T, out string) (header, steps, timeline string) {
	t.Helper()
	parts := strings.Split(out, "\n\n")
	require.Len(t, parts, 3, out)
	return parts[0], parts[1], parts[2]
}

// historyLen counts the lines of the saga's history as stored.
func (f *fixture) historyLen(t *testing.T, o order) int {
	t.Helper()
	hist, err := f.store.History(ctx, o.sagaID)
	require.NoError(t, err)
	return len(hist)
}

// requireAligned requires that, on the line holding each key of values,
// the value starts where the header's column col does.
func requireAligned(t *testing.T, out, col string, values map[string]string) {
	t.Helper()
	want := strings.Index(lines(out)[0], col)
	for key, value := range values {
		for _, l := range lines(out) {
			if strings.Contains(l, key) {
				require.Equal(t, want, strings.Index(l, value), "column %s of %q", col, l)
			}
		}
	}
}
