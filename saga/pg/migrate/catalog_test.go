package migrate_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"
)

// catalogQueries describe every object of the schema $1 as lines of text,
// the record table of the migrations left out. They run with the
// search_path set to pg_catalog, so every name they print is qualified.
var catalogQueries = []struct{ kind, sql string }{
	{"relation", `SELECT c.relname || ' kind=' || c.relkind::text
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relname NOT LIKE 'schema_migrations%'`},
	{"column", `SELECT c.relname || '.' || a.attname || ' #' || a.attnum || ' ' || format_type(a.atttypid, a.atttypmod) ||
			' notnull=' || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') ||
			' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text
		FROM pg_attribute a
		JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
		  AND a.attnum > 0 AND NOT a.attisdropped`},
	{"index", `SELECT indexdef FROM pg_indexes
		WHERE schemaname = $1 AND tablename <> 'schema_migrations'`},
	{"constraint", `SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
		FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE n.nspname = $1 AND c.conname NOT LIKE 'schema_migrations%'`},
	{"trigger", `SELECT pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
		FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND NOT t.tgisinternal`},
	{"function", `SELECT pg_get_functiondef(p.oid)
		FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1`},
	{"sequence", `SELECT sequencename || ' ' || data_type || ' start=' || start_value || ' inc=' || increment_by ||
			' min=' || min_value || ' max=' || max_value || ' cycle=' || cycle
		FROM pg_sequences WHERE schemaname = $1`},
	{"owned", `SELECT s.relname || ' owned by ' || t.relname || '.' || a.attname
		FROM pg_depend d
		JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
		JOIN pg_class t ON t.oid = d.refobjid
		JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
		JOIN pg_namespace n ON n.oid = s.relnamespace
		WHERE n.nspname = $1 AND d.deptype = 'a'`},
}

// catalog describes the objects of every schema in schemas, sorted within
// each kind.
func catalog(t *testing.T, pool *pgxpool.Pool, schemas ...string) []string {
	t.Helper()
	var out []string
	err := pgx.BeginFunc(t.Context(), pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(t.Context(), "SET LOCAL search_path TO pg_catalog"); err != nil {
			return err
		}
		for _, schema := range schemas {
			for _, q := range catalogQueries {
				lines, err := catalogLines(t.Context(), tx, q.sql+" ORDER BY 1", schema)
				if err != nil {
					return fmt.Errorf("%s of %s: %w", q.kind, schema, err)
				}
				for _, l := range lines {
					out = append(out, schema+" "+q.kind+": "+l)
				}
			}
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

func catalogLines(ctx context.Context, tx pgx.Tx, sql, schema string) ([]string, error) {
	rows, err := tx.Query(ctx, sql, schema)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}
