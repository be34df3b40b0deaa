package app_test

import (
	"context"
	"io"
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

func preorder(timeout time.Duration) *saga.Definition {
	return &saga.Definition{Type: "preorder", Version: 1, Steps: []saga.Step{{Name: "hold",
		Participant: "preorders.commands", Action: "Hold", SuccessReply: "Held", FailureReply: "NotHeld", Timeout: timeout}}}
}

// startOn builds and starts an orchestrator on the SQLite file at path
// with def registered; it returns Start's error and stops what started.
func startOn(t *testing.T, path string, def *saga.Definition) error {
	db, err := ordersqlite.Open(t.Context(), path)
	require.NoError(t, err)
	rdb, prefix := testenv.Redis(t)
	l := logrus.New()
	l.SetOutput(io.Discard)
	cfg := config.Config{HTTPAddr: "127.0.0.1:0", StreamPrefix: prefix, ClaimMinIdle: 30 * time.Second,
		InboxRetention: config.MinInboxRetention}
	a, err := app.Build(cfg, app.Backends{DB: sqlite.NewBackend(db), Store: sqlitedriver.New(db), Orders: ordersqlite.New(db), Redis: noClose{rdb}},
		logrus.NewEntry(l), def)
	require.NoError(t, err)
	startErr := a.Start(t.Context())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if startErr == nil {
		require.NoError(t, a.Stop(ctx))
	}
	return startErr
}

func TestStartRefusesAChangedDefinitionUnderAnOldVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "orchestrator.db")
	require.NoError(t, startOn(t, path, preorder(5*time.Second)))
	require.NoError(t, startOn(t, path, preorder(5*time.Second)), "the same definition starts again")
	err := startOn(t, path, preorder(7*time.Second))
	require.EqualError(t, err, `saga type "preorder" version 1 is already registered with other steps; give the changed definition a new version`)
}
