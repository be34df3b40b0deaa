package e2e

import (
	"context"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// pgFaults takes the installation's database away through an admin
// connection to another database of the same server.
type pgFaults struct {
	url string // the installation's database
	db  string // its name
}

func newPGFaults(t *testing.T, dbURL string) *pgFaults {
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("parsing the test database URL: %v", err)
	}
	f := &pgFaults{url: dbURL, db: strings.TrimPrefix(u.Path, "/")}
	t.Cleanup(func() {
		if err := f.allowConnections(true); err != nil {
			t.Logf("chaos: re-allowing connections to %s: %v", f.db, err)
		}
	})
	return f
}

// cut refuses new connections to the database and terminates the open
// ones; restore keeps terminating whatever slipped through for d, then lets
// connections in again.
func (f *pgFaults) cut(t *testing.T) {
	if err := f.allowConnections(false); err != nil {
		t.Fatalf("chaos: refusing connections to %s: %v", f.db, err)
	}
	if err := f.terminateBackends(); err != nil {
		t.Fatalf("chaos: terminating the backends of %s: %v", f.db, err)
	}
}

func (f *pgFaults) restore(t *testing.T, d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		time.Sleep(min(500*time.Millisecond, time.Until(deadline)))
		if err := f.terminateBackends(); err != nil {
			t.Fatalf("chaos: terminating the backends of %s: %v", f.db, err)
		}
	}
	if err := f.allowConnections(true); err != nil {
		t.Fatalf("chaos: allowing connections to %s again: %v", f.db, err)
	}
}

func (f *pgFaults) allowConnections(allow bool) error {
	on := "false"
	if allow {
		on = "true"
	}
	return f.admin(func(ctx context.Context, c *pgx.Conn) error {
		_, err := c.Exec(ctx, "ALTER DATABASE "+pgx.Identifier{f.db}.Sanitize()+" WITH ALLOW_CONNECTIONS "+on)
		return err
	})
}

func (f *pgFaults) terminateBackends() error {
	return f.admin(func(ctx context.Context, c *pgx.Conn) error {
		_, err := c.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", f.db)
		return err
	})
}

func (f *pgFaults) admin(fn func(ctx context.Context, c *pgx.Conn) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, testenv.PostgresURL())
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	return fn(ctx, c)
}

// stallSagas write-locks the orchestrator's sagas table until the returned
// function is called: orders are still accepted and their OrderCreated
// events published, but no saga can start or advance, so orders.events and
// orchestrator.replies back up the way they do behind a stalled consumer.
func (f *pgFaults) stallSagas(t *testing.T) (unstall func()) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, f.url)
	if err != nil {
		t.Fatalf("chaos: connecting to lock the sagas table: %v", err)
	}
	tx, err := conn.Begin(ctx)
	if err == nil {
		_, err = tx.Exec(ctx, "LOCK TABLE orchestrator.sagas IN EXCLUSIVE MODE")
	}
	if err != nil {
		conn.Close(ctx)
		t.Fatalf("chaos: locking the sagas table: %v", err)
	}
	return func() {
		_ = tx.Rollback(context.Background())
		_ = conn.Close(context.Background())
	}
}

// restart runs cmd (through sh) to restart the server and waits until it
// takes connections again.
func (f *pgFaults) restart(t *testing.T, cmd string) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "sh", "-c", cmd).CombinedOutput(); err != nil {
		t.Fatalf("chaos: restarting PostgreSQL with %q: %v\n%s", cmd, err, out)
	}
	for {
		err := f.admin(func(ctx context.Context, c *pgx.Conn) error { return c.Ping(ctx) })
		if err == nil {
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("chaos: PostgreSQL not back after restart: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
