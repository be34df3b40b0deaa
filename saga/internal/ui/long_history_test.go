package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/internal/ui"
)

// A saga flooded with ignored replies has a page of bounded size: the
// first lines of its timeline, each detail cut with its size shown.
func TestLongHistoryPageIsCapped(t *testing.T) {
	f := newFixture(t)
	_, sagaID := f.startOrder(t)
	lines := make([]saga.HistoryEntry, 3*ui.TimelineLines)
	for i := range lines {
		lines[i] = saga.HistoryEntry{At: f.clock.Now(), Kind: saga.HistoryReplyIgnored, MessageType: ordersaga.PaymentProcessed,
			Detail: fmt.Sprintf("forged %d %s", i, strings.Repeat("<", 10_000))}
	}
	require.NoError(t, f.store.InTx(context.Background(), func(ctx context.Context, tx driver.Tx) error {
		return tx.AppendHistories(ctx, map[string][]saga.HistoryEntry{sagaID: lines})
	}))

	p := f.get(t, "/ui/sagas/"+sagaID)
	require.Equal(t, http.StatusOK, p.status)
	require.Less(t, len(p.body), 1_500_000)
	require.Contains(t, p.body, "10009 bytes")
	require.Contains(t, p.body, "/sagas/"+sagaID+"?history_cursor=")
	require.NotContains(t, p.body, fmt.Sprintf("forged %d ", len(lines)-1))
}
