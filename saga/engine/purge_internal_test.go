package engine

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/retention"
	"github.com/streamsaga/streamsaga/saga/service"
)

// The running engine purges every retention.Interval, unless the
// retention is off.
func TestSagaPurgerRunsUnlessTheRetentionIsOff(t *testing.T) {
	for _, c := range []struct {
		keep, want time.Duration
		runs       bool
	}{
		{0, retention.DefaultSagaRetention, true},
		{48 * time.Hour, 48 * time.Hour, true},
		{retention.Off, retention.Off, false},
	} {
		e := startedEngine(t, c.keep)
		require.Equal(t, c.want, e.cfg.SagaRetention)
		var purger *service.Every
		for _, part := range e.started {
			if every, ok := part.(*service.Every); ok && every.Name == "saga purger" {
				purger = every
			}
		}
		require.Equal(t, c.runs, purger != nil, "retention %s", c.keep)
		if c.runs {
			require.Equal(t, retention.Interval, purger.Interval)
		}
	}
}

func startedEngine(t *testing.T, keep time.Duration) *Engine {
	t.Helper()
	ctx := t.Context()
	db, err := sqlitedriver.Open(ctx, filepath.Join(t.TempDir(), "app.db"))
	require.NoError(t, err)
	mr := miniredis.RunT(t)
	def := &saga.Definition{Type: "one", Steps: []saga.Step{{Name: "do", Participant: "p.commands", Action: "Do",
		SuccessReply: "Done", FailureReply: "Failed", Timeout: time.Second}}}
	e, err := New(Config{Driver: sqlitedriver.NewDriver(db), Redis: redis.NewClient(&redis.Options{Addr: mr.Addr()}),
		Definitions: []*saga.Definition{def}, SagaRetention: keep})
	require.NoError(t, err)
	require.NoError(t, e.Start(ctx))
	t.Cleanup(func() { _ = e.Stop(context.Background()) })
	return e
}
