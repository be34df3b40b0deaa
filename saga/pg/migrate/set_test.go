package migrate_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg/migrate"
)

func TestSetsListTheirMigrationsInOrder(t *testing.T) {
	for _, tc := range []struct {
		set   migrate.Set
		names []string
	}{
		{migrate.Orchestrator, []string{"messaging", "engine", "saga_retention", "outbox_partition_ids", "saga_listing_indexes"}},
		{migrate.Participant, []string{"messaging", "barrier", "barrier_retention", "outbox_partition_ids"}},
	} {
		ms, err := tc.set.Migrations()
		require.NoError(t, err)
		var names []string
		for _, m := range ms {
			names = append(names, m.Name)
			require.NotEmpty(t, m.SQL)
		}
		require.Equal(t, tc.names, names, tc.set.String())
	}
}
