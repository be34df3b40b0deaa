package ui

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
)

// countingStore counts the calls of CountSagasByState and adds running
// sagas to what it counts.
type countingStore struct {
	driver.Store
	calls   atomic.Int64
	running int64
}

func (c *countingStore) CountSagasByState(ctx context.Context) (map[saga.State]int64, error) {
	c.calls.Add(1)
	counts, err := c.Store.CountSagasByState(ctx)
	if err == nil {
		counts[saga.StateRunning] += c.running
	}
	return counts, err
}

// Once there are many sagas, views of the list within CountsCacheFor of
// each other share one count.
func TestHomeCountsAreCached(t *testing.T) {
	db, err := sqlitedriver.Open(t.Context(), filepath.Join(t.TempDir(), "o.db"))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	st := &countingStore{Store: sqlitedriver.New(db), running: CountsCacheFrom}
	u := New(st, App{}, nil, nil)
	now := time.Now()
	u.now = func() time.Time { return now }
	h := u.Handler()
	view := func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, Prefix, nil))
		require.Equal(t, http.StatusOK, rec.Code)
	}

	view()
	view()
	now = now.Add(CountsCacheFor / 2)
	view()
	require.Equal(t, int64(1), st.calls.Load())
	now = now.Add(CountsCacheFor)
	view()
	require.Equal(t, int64(2), st.calls.Load())
}

// A few sagas are counted on every view, so the counts are always current.
func TestHomeCountsFewSagasEveryTime(t *testing.T) {
	db, err := sqlitedriver.Open(t.Context(), filepath.Join(t.TempDir(), "o.db"))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	st := &countingStore{Store: sqlitedriver.New(db), running: CountsCacheFrom - 1}
	u := New(st, App{}, nil, nil)
	for range 3 {
		_, err := u.stateCounts(t.Context())
		require.NoError(t, err)
	}
	require.Equal(t, int64(3), st.calls.Load())
}
