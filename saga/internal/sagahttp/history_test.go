package sagahttp_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/internal/sagahttp"
)

// sagaWithLongHistory stores a saga with n history lines, the first of
// them with a 100 kB detail.
func sagaWithLongHistory(t *testing.T, st driver.Store, n int) string {
	now := time.Now().UTC()
	inst := &saga.Instance{ID: saga.NewID(), Type: "order", State: saga.StateRunning, Data: []byte(`{}`),
		Version: 1, CreatedAt: now, UpdatedAt: now}
	lines := make([]saga.HistoryEntry, n)
	for i := range lines {
		lines[i] = saga.HistoryEntry{At: now, Kind: saga.HistoryReplyIgnored, Detail: fmt.Sprintf("line %d", i)}
	}
	lines[0].Detail = strings.Repeat("x", 100_000)
	require.NoError(t, st.InTx(context.Background(), func(ctx context.Context, tx driver.Tx) error {
		if _, err := tx.CreateSagas(ctx, []*saga.Instance{inst}); err != nil {
			return err
		}
		return tx.AppendHistories(ctx, map[string][]saga.HistoryEntry{inst.ID: lines})
	}))
	return inst.ID
}

func TestSagaHistoryIsPagedAndBigFieldsTruncated(t *testing.T) {
	f := newFixture(t)
	st := f.store
	id := sagaWithLongHistory(t, st, 1203)

	status, body, _ := f.do(t, http.MethodGet, "/sagas/"+id, "")
	require.Equal(t, http.StatusOK, status)
	hist := body["history"].([]any)
	require.Len(t, hist, sagahttp.HistoryPageSize)
	first := hist[0].(map[string]any)["detail"].(string)
	require.Less(t, len(first), 2000)
	require.Contains(t, first, "100000 bytes")

	seen := len(hist)
	cursor, _ := body["history_next_cursor"].(string)
	for cursor != "" {
		status, body, _ = f.do(t, http.MethodGet, "/sagas/"+id+"?history_cursor="+url.QueryEscape(cursor), "")
		require.Equal(t, http.StatusOK, status)
		hist = body["history"].([]any)
		seen += len(hist)
		cursor, _ = body["history_next_cursor"].(string)
	}
	require.Equal(t, 1203, seen)
	require.Equal(t, "line 1202", hist[len(hist)-1].(map[string]any)["detail"])

	status, body, _ = f.do(t, http.MethodGet, "/sagas/"+id+"?history_limit=10", "")
	require.Equal(t, http.StatusOK, status)
	require.Len(t, body["history"].([]any), 10)
	status, _, _ = f.do(t, http.MethodGet, "/sagas/"+id+"?history_cursor=nope", "")
	require.Equal(t, http.StatusBadRequest, status)
}
