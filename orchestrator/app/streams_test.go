package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// startWith runs an orchestrator with defs registered next to the order
// saga and returns its base URL.
func startWith(t *testing.T, defs ...*saga.Definition) string {
	db, err := ordersqlite.Open(t.Context(), filepath.Join(t.TempDir(), "orchestrator.db"))
	require.NoError(t, err)
	rdb, prefix := testenv.Redis(t)
	l := logrus.New()
	l.SetOutput(io.Discard)
	cfg := config.Config{HTTPAddr: "127.0.0.1:0", StreamPrefix: prefix, APIToken: token,
		ClaimMinIdle: 30 * time.Second, InboxRetention: config.MinInboxRetention}
	a, err := app.Build(cfg, app.Backends{DB: sqlite.NewBackend(db), Store: sqlitedriver.New(db), Orders: ordersqlite.New(db), Redis: noClose{rdb}},
		logrus.NewEntry(l), defs...)
	require.NoError(t, err)
	require.NoError(t, a.Start(t.Context()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, a.Stop(ctx))
	})
	return "http://" + a.Addr()
}

// A saga type a user registers has its participant stream served by the
// dead-letter API and counted by the metrics.
func TestRegisteredSagaTypesStreamIsKnown(t *testing.T) {
	base := startWith(t, preorder(5*time.Second))
	status, body := call(t, http.MethodGet, base+"/dlq/streams", "")
	require.Equal(t, http.StatusOK, status, body)
	var doc struct {
		Streams []string `json:"streams"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &doc))
	require.Equal(t, []string{"inventory.commands", "orchestrator.replies", "orders.events", "outbox",
		"payment.commands", "preorders.commands"}, doc.Streams)
	status, body = call(t, http.MethodGet, base+"/dlq?stream=preorders.commands", "")
	require.Equal(t, http.StatusOK, status, body)

	m := scrape(t, base)
	for _, s := range doc.Streams {
		v, ok := sample(m, `streamsaga_stream_dlq_entries{stream="`+s+`"}`)
		require.True(t, ok, "%s missing", s)
		require.Zero(t, v, s)
	}
	_, ok := sample(m, `streamsaga_stream_pending_entries{group="orchestrator",stream="preorders.commands"}`)
	require.False(t, ok, "the orchestrator does not read participant streams")
}
