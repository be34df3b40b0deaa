package pg

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgxpool"
)

const (
	listenConnectTimeout = 10 * time.Second
	listenPingTimeout    = 5 * time.Second
	listenCloseTimeout   = 5 * time.Second
)

var errListenerClosed = errors.New("outbox source is closed")

// listener is the connection an OutboxSource waits for notifications on. It
// is opened from the pool's configuration but never belongs to the pool: a
// connection that LISTENs must not serve other work.
type listener struct {
	pool    *pgxpool.Pool
	channel string
	closing context.Context // done once close starts
	stop    context.CancelFunc

	mu     sync.Mutex // one wait at a time; guards conn and closed
	conn   *pgconn.PgConn
	closed bool
}

func newListener(pool *pgxpool.Pool, channel string) *listener {
	closing, stop := context.WithCancel(context.Background())
	return &listener{pool: pool, channel: channel, closing: closing, stop: stop}
}

// wait returns nil at once when it had to connect, else when a notification
// came or timeout passed.
func (l *listener) wait(ctx context.Context, timeout time.Duration) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return errListenerClosed
	}
	if l.conn == nil {
		return l.connect(ctx)
	}
	return l.waitNotification(ctx, timeout)
}

func (l *listener) waitNotification(ctx context.Context, timeout time.Duration) error {
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	defer context.AfterFunc(l.closing, cancel)()
	err := l.conn.WaitForNotification(wctx)
	switch {
	case err == nil:
		l.drain(ctx)
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	case wctx.Err() != nil && !l.conn.IsClosed():
		return nil // timeout, or close started
	}
	l.drop()
	return fmt.Errorf("waiting for notifications on %s: %w", l.channel, err)
}

// drain discards the notifications that arrived with the one just received:
// the pass the caller is about to run covers them. A round trip reads
// everything the server sent before it.
func (l *listener) drain(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, listenPingTimeout)
	defer cancel()
	if err := l.conn.Ping(ctx); err != nil {
		l.drop() // the next wait reconnects and reports any error
	}
}

func (l *listener) connect(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, listenConnectTimeout)
	defer cancel()
	conn, err := pgconn.ConnectConfig(ctx, l.connConfig())
	if err != nil {
		return fmt.Errorf("opening connection to listen on %s: %w", l.channel, err)
	}
	sql := "LISTEN " + pgx.Identifier{l.channel}.Sanitize()
	if _, err := conn.Exec(ctx, sql).ReadAll(); err != nil {
		closeConn(conn)
		return fmt.Errorf("listening on %s: %w", l.channel, err)
	}
	l.conn = conn
	return nil
}

// connConfig copies the pool's connection settings. Notifications are read
// by WaitForNotification only, and a cancelled wait just interrupts the read.
func (l *listener) connConfig() *pgconn.Config {
	cfg := l.pool.Config().ConnConfig.Config.Copy()
	cfg.OnNotification = nil
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.DeadlineContextWatcherHandler{Conn: c.Conn()}
	}
	return cfg
}

func (l *listener) drop() {
	closeConn(l.conn)
	l.conn = nil
}

func (l *listener) close() error {
	l.stop()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.conn == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), listenCloseTimeout)
	defer cancel()
	err := l.conn.Close(ctx)
	l.conn = nil
	if err != nil {
		return fmt.Errorf("closing connection listening on %s: %w", l.channel, err)
	}
	return nil
}

func closeConn(conn *pgconn.PgConn) {
	ctx, cancel := context.WithTimeout(context.Background(), listenCloseTimeout)
	defer cancel()
	_ = conn.Close(ctx)
}
