package engine_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// An application's own saga type on PostgreSQL and Redis: started over
// HTTP and inside the application's transactions (one committed, one
// rolled back), finished with a hook that writes the application's row in
// the finishing transaction, shown with its step results by the API and
// the explorer.
func TestApplicationSagaOnPostgres(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), pgdriver.Schema)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `CREATE TABLE greeted (saga_id text PRIMARY KEY, name text NOT NULL, outcome text)`)
	require.NoError(t, err)
	rdb, prefix := testenv.Redis(t)

	e, err := engine.New(engine.Config{Driver: pgdriver.NewDriver(pool), Redis: noClose{rdb}, Prefix: prefix,
		Definitions: []*saga.Definition{greeting()}})
	require.NoError(t, err)
	e.OnFinish("greeting", engine.Each(func(ctx context.Context, tx driver.Tx, s *saga.Instance, g Greeting) error {
		ptx, ok := pgdriver.Unwrap(tx)
		require.True(t, ok)
		// A saga started over HTTP may finish before the test writes its
		// row: the hook writes the outcome whichever comes first.
		_, err := ptx.Exec(ctx, `INSERT INTO greeted (saga_id, name, outcome) VALUES ($1, $2, $3)
			ON CONFLICT (saga_id) DO UPDATE SET outcome = EXCLUDED.outcome`, s.ID, g.Name, string(s.State))
		return err
	}))
	srv := httptest.NewServer(e.Handler())
	t.Cleanup(srv.Close)
	require.NoError(t, e.Start(ctx))
	t.Cleanup(func() { _ = e.Stop(context.Background()) })
	t.Cleanup(greeter(ctx, rdb, prefix))

	// Over HTTP: the engine's POST /sagas.
	resp, err := http.Post(srv.URL+"/sagas", "application/json", strings.NewReader(`{"type":"greeting","data":{"name":"Ada"}}`))
	require.NoError(t, err)
	var started struct {
		SagaID string `json:"saga_id"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&started))
	resp.Body.Close()
	require.Equal(t, http.StatusAccepted, resp.StatusCode)
	_, err = pool.Exec(ctx, `INSERT INTO greeted (saga_id, name) VALUES ($1, 'Ada') ON CONFLICT (saga_id) DO NOTHING`, started.SagaID)
	require.NoError(t, err)

	// Inside the application's transactions: kept when committed, gone
	// with the application's row when rolled back.
	kept, dropped := startInOwnTx(t, e, pool, "Grace", true), startInOwnTx(t, e, pool, "Linus", false)

	for id, name := range map[string]string{started.SagaID: "Ada", kept: "Grace"} {
		require.Eventually(t, func() bool {
			var outcome *string
			require.NoError(t, pool.QueryRow(ctx, `SELECT outcome FROM greeted WHERE saga_id = $1`, id).Scan(&outcome))
			return outcome != nil && *outcome == "COMPLETED"
		}, 20*time.Second, 50*time.Millisecond, "the finish hook marks %s's row", name)
		body := get(t, srv.URL+"/sagas/"+id)
		require.Contains(t, body, `"result":{"text":"hello, `+name+`!"}`)
		require.Contains(t, get(t, srv.URL+"/ui/sagas/"+id), "hello, "+name+"!")
	}
	_, err = e.Store().GetSaga(ctx, dropped)
	require.ErrorIs(t, err, saga.ErrNotFound)
	var rows int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM greeted`).Scan(&rows))
	require.Equal(t, 2, rows)
}

// startInOwnTx inserts the application's row and starts its saga in one
// transaction of the application's, then commits or rolls back.
func startInOwnTx(t *testing.T, e *engine.Engine, pool *pgxpool.Pool, name string, commit bool) string {
	t.Helper()
	ctx := t.Context()
	id := saga.NewID()
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, `INSERT INTO greeted (saga_id, name) VALUES ($1, $2)`, id, name)
	require.NoError(t, err)
	data, err := json.Marshal(Greeting{Name: name})
	require.NoError(t, err)
	require.NoError(t, e.StartTx(ctx, pgdriver.Wrap(tx), "greeting", engine.Start{ID: id, Data: data}))
	if commit {
		require.NoError(t, tx.Commit(ctx))
	} else {
		require.NoError(t, tx.Rollback(ctx))
	}
	return id
}

// sqliteEngine builds an engine of cfg over a fresh SQLite file and the
// test's Redis (which it returns, with the engine's prefix); nothing runs
// before Start.
func sqliteEngine(ctx context.Context, t *testing.T, cfg engine.Config) (*engine.Engine, redis.UniversalClient, string) {
	t.Helper()
	db, err := sqlitedriver.Open(ctx, filepath.Join(t.TempDir(), "app.db"))
	require.NoError(t, err)
	rdb, prefix := testenv.Redis(t)
	cfg.Driver, cfg.Redis, cfg.Prefix = sqlitedriver.NewDriver(db), noClose{rdb}, prefix
	e, err := engine.New(cfg)
	require.NoError(t, err)
	return e, rdb, prefix
}

// noClose keeps the engine from closing the test's Redis client, which
// the test's cleanup uses and closes.
type noClose struct{ redis.UniversalClient }

func (noClose) Close() error { return nil }

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	return string(body)
}
