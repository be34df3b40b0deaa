package migrate

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var files embed.FS

// Migration is one numbered SQL file of the engine.
type Migration struct {
	Version int    // the file's number, unique among the engine's files
	Name    string // the file's name without number and extension
	SQL     string // the statements, with unqualified names
}

// Set is the migrations one kind of service needs in its schema, in the
// order they are applied.
type Set struct {
	name     string
	versions []int
}

var (
	// Orchestrator is the set of an orchestrator's schema: the messaging
	// tables (outbox, inbox) and the engine's (sagas, saga_history,
	// saga_definitions).
	Orchestrator = Set{name: "orchestrator", versions: []int{1, 2, 4, 6, 7}}
	// Participant is the set of a participant's schema: the messaging
	// tables and the barrier.
	Participant = Set{name: "participant", versions: []int{1, 3, 5, 6}}
)

// String names the set.
func (s Set) String() string { return s.name }

// Migrations returns the set's migrations in the order they are applied.
func (s Set) Migrations() ([]Migration, error) {
	all, err := load()
	if err != nil {
		return nil, err
	}
	out := make([]Migration, 0, len(s.versions))
	for _, v := range s.versions {
		m, ok := all[v]
		if !ok {
			return nil, fmt.Errorf("migration %04d of the %s set is missing", v, s.name)
		}
		out = append(out, m)
	}
	return out, nil
}

// load reads every embedded file, keyed by version.
func load() (map[int]Migration, error) {
	entries, err := fs.ReadDir(files, "migrations")
	if err != nil {
		return nil, fmt.Errorf("reading migrations: %w", err)
	}
	all := make(map[int]Migration, len(entries))
	for _, e := range entries {
		m, err := parse(e.Name())
		if err != nil {
			return nil, err
		}
		if _, dup := all[m.Version]; dup {
			return nil, fmt.Errorf("migration %04d is defined twice", m.Version)
		}
		all[m.Version] = m
	}
	return all, nil
}

// parse reads the file migrations/<NNNN>_<name>.sql.
func parse(file string) (Migration, error) {
	num, name, ok := strings.Cut(strings.TrimSuffix(file, ".sql"), "_")
	version, err := strconv.Atoi(num)
	if !ok || err != nil || version <= 0 || name == "" {
		return Migration{}, fmt.Errorf("migration file %q is not named NNNN_name.sql", file)
	}
	sql, err := files.ReadFile(path.Join("migrations", file))
	if err != nil {
		return Migration{}, fmt.Errorf("reading migration %s: %w", file, err)
	}
	return Migration{Version: version, Name: name, SQL: string(sql)}, nil
}
