package pg_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/stretchr/testify/require"
)

// The pool's connections send and read uuids in the text format, which
// the engine's Go strings take without a failed try at the binary one;
// other uuid types still work both ways, and a malformed uuid is still
// the server's error.
func TestPoolSendsUUIDsAsText(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	m := conn.Conn().TypeMap()
	require.Equal(t, int16(pgtype.TextFormatCode), m.FormatCodeForOID(pgtype.UUIDOID))
	require.Equal(t, int16(pgtype.TextFormatCode), m.FormatCodeForOID(pgtype.UUIDArrayOID))

	a, b := uuid.NewString(), uuid.NewString()
	var got []string
	require.NoError(t, conn.QueryRow(ctx, `SELECT array_agg(x ORDER BY o) FROM unnest($1::uuid[]) WITH ORDINALITY AS u(x, o)`,
		[]string{a, b}).Scan(&got))
	require.Equal(t, []string{a, b}, got)

	var asString string
	var asUUID uuid.UUID
	var asPg pgtype.UUID
	require.NoError(t, conn.QueryRow(ctx, `SELECT $1::uuid, $1::uuid, $1::uuid`, a).Scan(&asString, &asUUID, &asPg))
	require.Equal(t, a, asString)
	require.Equal(t, a, asUUID.String())
	require.Equal(t, [16]byte(asUUID), asPg.Bytes)

	var back string
	require.NoError(t, conn.QueryRow(ctx, `SELECT $1::uuid::text`, asPg).Scan(&back))
	require.Equal(t, a, back)

	_, err = conn.Exec(ctx, `SELECT $1::uuid`, "not-a-uuid")
	require.ErrorContains(t, err, "invalid input syntax for type uuid")
}
