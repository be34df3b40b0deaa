package sagahttp_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver"
)

func TestSagaShowsItsIgnoredReplies(t *testing.T) {
	f := newFixture(t)
	st := f.store
	id := sagaWithLongHistory(t, st, 1)

	status, body, _ := f.do(t, http.MethodGet, "/sagas/"+id, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, float64(0), body["ignored_replies"])
	require.NoError(t, st.InTx(context.Background(), func(ctx context.Context, tx driver.Tx) error {
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
