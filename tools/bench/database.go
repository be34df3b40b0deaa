package main

import (
	"context"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
)

// server is an administrative connection to the PostgreSQL server the
// runs' databases are created on.
type server struct {
	conn  *pgx.Conn
	admin string
}

func connectServer(ctx context.Context, adminURL string) (*server, error) {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	return &server{conn: conn, admin: adminURL}, nil
}

func (s *server) close(ctx context.Context) { _ = s.conn.Close(ctx) }

// createDatabase creates the database name with schema applied and
// returns its URL.
func (s *server) createDatabase(ctx context.Context, name, schema string) (string, error) {
	if _, err := s.conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("creating database %s: %w", name, err)
	}
	dbURL, err := withDatabase(s.admin, name)
	if err != nil {
		return "", err
	}
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return "", fmt.Errorf("connecting to database %s: %w", name, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, schema); err != nil {
		return "", fmt.Errorf("applying the schema to %s: %w", name, err)
	}
	return dbURL, nil
}

// dropDatabase drops name, closing the connections still open to it.
func (s *server) dropDatabase(ctx context.Context, name string) error {
	if _, err := s.conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("dropping database %s: %w", name, err)
	}
	return nil
}

// backends lists the process ids of the server's backends connected to
// the database name.
func (s *server) backends(ctx context.Context, name string) ([]int, error) {
	rows, err := s.conn.Query(ctx, "SELECT pid FROM pg_stat_activity WHERE datname = $1", name)
	if err != nil {
		return nil, fmt.Errorf("listing the backends of %s: %w", name, err)
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		return nil, fmt.Errorf("listing the backends of %s: %w", name, err)
	}
	out := make([]int, len(pids))
	for i, p := range pids {
		out[i] = int(p)
	}
	return out, nil
}

// setting is one server setting that differs from its default.
type setting struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Source string `json:"source"`
}

// settings lists the server's settings that do not have their default
// value, and whether autovacuum is on.
func (s *server) settings(ctx context.Context) ([]setting, string, error) {
	rows, err := s.conn.Query(ctx, "SELECT name, setting, source FROM pg_settings WHERE source <> 'default' ORDER BY name")
	if err != nil {
		return nil, "", fmt.Errorf("reading the server's settings: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (setting, error) {
		var st setting
		return st, r.Scan(&st.Name, &st.Value, &st.Source)
	})
	if err != nil {
		return nil, "", fmt.Errorf("reading the server's settings: %w", err)
	}
	var autovacuum string
	if err := s.conn.QueryRow(ctx, "SHOW autovacuum").Scan(&autovacuum); err != nil {
		return nil, "", fmt.Errorf("reading autovacuum: %w", err)
	}
	return list, autovacuum, nil
}

// withDatabase is raw with its database name replaced by name.
func withDatabase(raw, name string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("parsing the PostgreSQL URL: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}
