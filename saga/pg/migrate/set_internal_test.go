package migrate

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A new file is added to the sets that need it; a file no set names would
// never be applied.
func TestEveryMigrationBelongsToASet(t *testing.T) {
	all, err := load()
	require.NoError(t, err)
	named := map[int]bool{}
	for _, s := range []Set{Orchestrator, Participant} {
		for _, v := range s.versions {
			named[v] = true
		}
	}
	for v, m := range all {
		require.True(t, named[v], "migration %04d_%s is in no set", v, m.Name)
	}
}

func TestParseRefusesBadNames(t *testing.T) {
	for _, name := range []string{"messaging.sql", "0000_zero.sql", "0001_.sql", "x_messaging.sql"} {
		_, err := parse(name)
		require.ErrorContains(t, err, "is not named NNNN_name.sql", name)
	}
}
