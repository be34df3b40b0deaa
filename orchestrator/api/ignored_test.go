package api_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/api"
	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/store"
	"github.com/streamsaga/streamsaga/orchestrator/store/storeenv"
)

func TestSagaShowsItsIgnoredReplies(t *testing.T) {
	_, st := storeenv.Open(t)
	log := logrus.New()
	log.SetOutput(io.Discard)
	srv := httptest.NewServer(api.New(st, orders.NewService(st), logrus.NewEntry(log)).Handler())
	t.Cleanup(srv.Close)
	f := &fixture{srv: srv}
	id := sagaWithLongHistory(t, st, 1)

	status, body, _ := f.do(t, http.MethodGet, "/sagas/"+id, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, float64(0), body["ignored_replies"])
	require.NoError(t, st.InTx(context.Background(), func(ctx context.Context, tx store.Tx) error {
		_, err := tx.CountIgnoredReplies(ctx, map[string]int{id: 20_000})
		return err
	}))
	status, body, _ = f.do(t, http.MethodGet, "/sagas/"+id, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, float64(20_000), body["ignored_replies"])
	status, body, _ = f.do(t, http.MethodGet, "/sagas", "")
	require.Equal(t, http.StatusOK, status)
	require.NotContains(t, body["sagas"].([]any)[0], "ignored_replies", "only the saga's own page counts them")
}
