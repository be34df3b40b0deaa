package drivertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// testHistoryPage: HistoryPage walks one saga's history in order, page by
// page, each line's Seq the cursor of the next page, never showing
// another saga's lines.
func testHistoryPage(t *testing.T, st driver.Store) {
	a, b := newInstance(t), newInstance(t)
	create(t, st, a)
	create(t, st, b)
	for i := range 7 { // the two histories interleave
		require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
			return tx.AppendHistories(ctx, map[string][]saga.HistoryEntry{
				a.ID: {{At: now(), Kind: saga.HistoryReplyIgnored, Detail: fmt.Sprintf("a%d", i)}},
				b.ID: {{At: now(), Kind: saga.HistoryReplyIgnored, Detail: fmt.Sprintf("b%d", i)}},
			})
		}))
	}
	var details []string
	var after int64
	for pages := 0; ; pages++ {
		require.Less(t, pages, 4, "7 lines in pages of 3")
		page, err := st.HistoryPage(ctx, strings.ToUpper(a.ID), after, 3)
		require.NoError(t, err)
		if len(page) == 0 {
			break
		}
		require.LessOrEqual(t, len(page), 3)
		for _, h := range page {
			require.Greater(t, h.Seq, after, "Seq grows along the history")
			after = h.Seq
			details = append(details, h.Detail)
		}
	}
	require.Equal(t, []string{"a0", "a1", "a2", "a3", "a4", "a5", "a6"}, details)
	empty, err := st.HistoryPage(ctx, saga.NewID(), 0, 10)
	require.NoError(t, err)
	require.Empty(t, empty)
}
