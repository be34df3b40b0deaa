package sdksqlite_test

import (
	"database/sql"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/sdk/sdksqlite"
	"github.com/streamsaga/streamsaga/saga"
)

func TestInterpretError(t *testing.T) {
	t.Parallel()
	require.ErrorIs(t, sdksqlite.InterpretError(fmt.Errorf("scanning: %w", sql.ErrNoRows)), saga.ErrNotFound)
	other := errors.New("disk I/O error")
	require.Equal(t, other, sdksqlite.InterpretError(other))
	require.NoError(t, sdksqlite.InterpretError(nil))
}
