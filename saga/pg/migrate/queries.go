package migrate

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// schemaSQL is the bookkeeping SQL of one schema. Its statements name the
// record table with its schema; a migration's own SQL runs with the
// search_path set to the schema.
type schemaSQL string

func (s schemaSQL) quoted() string { return pgx.Identifier{string(s)}.Sanitize() }

// lock takes the schema's migration lock until the transaction ends.
func (s schemaSQL) lock(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", "streamsaga.migrate:"+string(s))
	if err != nil {
		return fmt.Errorf("taking the migration lock: %w", err)
	}
	return nil
}

// bootstrap creates the schema and its record table when they are missing.
func (s schemaSQL) bootstrap(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+s.quoted()+`;
CREATE TABLE IF NOT EXISTS `+s.quoted()+`.schema_migrations (
  version    integer     PRIMARY KEY CHECK (version > 0),
  name       text        NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`)
	return err
}

// apply runs m unless the schema recorded it, and records it; it reports
// whether it ran.
func (s schemaSQL) apply(ctx context.Context, tx pgx.Tx, m Migration) (bool, error) {
	var recorded bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+s.quoted()+`.schema_migrations WHERE version = $1)`,
		m.Version).Scan(&recorded)
	if err != nil || recorded {
		return false, err
	}
	if err := s.run(ctx, tx, m.SQL); err != nil {
		return false, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO `+s.quoted()+`.schema_migrations (version, name) VALUES ($1, $2)`,
		m.Version, m.Name)
	if err != nil {
		return false, fmt.Errorf("recording: %w", err)
	}
	return true, nil
}

// run runs sql with the search_path set to the schema, which must exist.
func (s schemaSQL) run(ctx context.Context, tx pgx.Tx, sql string) error {
	if _, err := tx.Exec(ctx, "SET LOCAL search_path TO "+s.quoted()); err != nil {
		return fmt.Errorf("setting search_path: %w", err)
	}
	_, err := tx.Exec(ctx, sql)
	return err
}

// applied lists the recorded versions.
func (s schemaSQL) applied(ctx context.Context, tx pgx.Tx) ([]int, error) {
	var exists bool
	err := tx.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", s.quoted()+".schema_migrations").Scan(&exists)
	if err != nil || !exists {
		return nil, err
	}
	rows, err := tx.Query(ctx, `SELECT version FROM `+s.quoted()+`.schema_migrations ORDER BY version`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int])
}
