package cli_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/cli"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// appendIgnored adds n ignored replies to the saga's history, numbered
// "forged 0" on.
func (f *fixture) appendIgnored(t *testing.T, o order, n int) {
	t.Helper()
	lines := make([]saga.HistoryEntry, n)
	for i := range lines {
		lines[i] = saga.HistoryEntry{At: f.clock.Now(), Kind: saga.HistoryReplyIgnored,
			MessageType: ordersaga.PaymentProcessed, Detail: fmt.Sprintf("forged %d", i)}
	}
	require.NoError(t, f.store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.AppendHistories(ctx, map[string][]saga.HistoryEntry{o.sagaID: lines})
	}))
}

// sagas show follows the history's pages and prints every line.
func TestSagasShowPrintsTheWholeHistory(t *testing.T) {
	f := newFixture(t, options{})
	o := f.startSaga(t, "alice")
	f.appendIgnored(t, o, 1203)

	out := f.cli(t, "sagas", "show", o.sagaID).ok(t).stdout
	_, _, timeline := sections(t, out)
	require.Equal(t, 1+f.historyLen(t, o), len(lines(timeline)))
	require.Contains(t, timeline, "forged 1202\n")
}

// A history longer than sagas show prints stops at the bound and says
// where the rest is.
func TestSagasShowStopsAtTheHistoryBound(t *testing.T) {
	f := newFixture(t, options{})
	o := f.startSaga(t, "alice")
	f.appendIgnored(t, o, cli.MaxHistoryLines+50)

	r := f.cli(t, "sagas", "show", o.sagaID)
	require.Equal(t, 0, r.code, r.stderr)
	_, _, timeline := sections(t, r.stdout)
	require.Equal(t, 1+cli.MaxHistoryLines, len(lines(timeline)))
	require.NotContains(t, timeline, fmt.Sprintf("forged %d\n", cli.MaxHistoryLines+49))
	require.True(t, strings.HasPrefix(r.stderr, fmt.Sprintf("(the first %d history lines are shown; there are more: GET /sagas/%s?history_cursor=",
		cli.MaxHistoryLines, o.sagaID)), r.stderr)
}
