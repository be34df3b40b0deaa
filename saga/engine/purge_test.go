package engine_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/retention"
)

const day = 24 * time.Hour

// A saga that finished is kept for the default retention of 30 days at the
// engine's clock, then purged with its history: the API no longer finds
// it, the purge is counted and logged. A saga still running stays.
func TestEnginePurgesFinishedSagasAfterTheRetention(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	var ahead atomic.Int64
	logs := &syncBuffer{}
	e, srv := purgingEngine(ctx, t, engine.Config{
		Now:    func() time.Time { return time.Now().Add(time.Duration(ahead.Load())) },
		Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	done := startGreeting(ctx, t, e, "greeting")
	require.Eventually(t, func() bool {
		s, err := e.Store().GetSaga(ctx, done)
		return err == nil && s.State == saga.StateCompleted
	}, 30*time.Second, 50*time.Millisecond)
	running := startGreeting(ctx, t, e, "silence")

	ahead.Store(int64(29 * day))
	n, err := e.PurgeSagas(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "29 days after: kept")
	require.Equal(t, http.StatusOK, status(t, srv.URL+"/sagas/"+done))

	ahead.Store(int64(31 * day))
	n, err = e.PurgeSagas(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "31 days after: purged")
	require.Equal(t, http.StatusNotFound, status(t, srv.URL+"/sagas/"+done))
	hist, err := e.Store().History(ctx, done)
	require.NoError(t, err)
	require.Empty(t, hist, "its history went with it")
	_, err = e.Store().GetSaga(ctx, running)
	require.NoError(t, err, "an unfinished saga stays")
	require.NoError(t, testutil.GatherAndCompare(e.Metrics(), strings.NewReader(`
# HELP streamsaga_sagas_purged_total Finished sagas (COMPLETED, COMPENSATED) deleted with their history once older than the saga retention.
# TYPE streamsaga_sagas_purged_total counter
streamsaga_sagas_purged_total 1
`), "streamsaga_sagas_purged_total"))
	require.Contains(t, logs.String(), `"msg":"purged 1 finished sagas"`)
}

// With the retention off, nothing is ever purged.
func TestEngineKeepsSagasWithTheRetentionOff(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	var ahead atomic.Int64
	e, _ := purgingEngine(ctx, t, engine.Config{SagaRetention: retention.Off,
		Now: func() time.Time { return time.Now().Add(time.Duration(ahead.Load())) }})
	id := startGreeting(ctx, t, e, "greeting")
	require.Eventually(t, func() bool {
		s, err := e.Store().GetSaga(ctx, id)
		return err == nil && s.State == saga.StateCompleted
	}, 30*time.Second, 50*time.Millisecond)
	ahead.Store(int64(3650 * day))
	n, err := e.PurgeSagas(ctx)
	require.NoError(t, err)
	require.Zero(t, n)
	_, err = e.Store().GetSaga(ctx, id)
	require.NoError(t, err)
}

// purgingEngine starts an engine over a fresh SQLite file and the test's
// Redis with cfg's clock, logger and retention, running the greeting saga
// (answered by the greeter) and a "silence" saga nobody answers.
func purgingEngine(ctx context.Context, t *testing.T, cfg engine.Config) (*engine.Engine, *httptest.Server) {
	t.Helper()
	silence := greeting()
	silence.Type, silence.Steps = "silence", silence.Steps[:1]
	silence.Steps[0].Participant, silence.Steps[0].Timeout = "nobody.commands", time.Hour
	cfg.Definitions = []*saga.Definition{greeting(), silence}
	e, rdb, prefix := sqliteEngine(ctx, t, cfg)
	srv := httptest.NewServer(e.Handler())
	t.Cleanup(srv.Close)
	require.NoError(t, e.Start(ctx))
	t.Cleanup(func() { _ = e.Stop(context.Background()) })
	t.Cleanup(greeter(ctx, rdb, prefix))
	return e, srv
}

func startGreeting(ctx context.Context, t *testing.T, e *engine.Engine, sagaType string) string {
	t.Helper()
	id := saga.NewID()
	require.NoError(t, e.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return e.StartTx(ctx, tx, sagaType, engine.Start{ID: id, Data: json.RawMessage(`{"name":"Ada"}`)})
	}))
	return id
}

func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	_ = resp.Body.Close()
	return resp.StatusCode
}

// syncBuffer is a buffer the engine's parts may write to at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
