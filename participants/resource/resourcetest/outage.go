package resourcetest

import (
	"net"
	"net/http"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"
)

// DeadPool is a pool on a PostgreSQL address where nothing listens: every
// statement fails as in a database outage.
func DeadPool(t *testing.T) *pgxpool.Pool {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	pool, err := pgxpool.New(t.Context(), "postgres://postgres@"+addr+"/postgres?sslmode=disable&connect_timeout=2")
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

func testOutage(t *testing.T, a API) {
	if a.ServeDown == nil {
		t.Skip("no store in an outage to serve")
	}
	base := a.ServeDown(t)
	for _, method := range []string{http.MethodPut, http.MethodGet} {
		body := RequireCall(t, http.StatusServiceUnavailable, method, a.url(base, a.Key), a.body(1))
		require.JSONEq(t, `{"error":"storage unavailable, try again"}`, body, method)
	}
}

func testBadKeys(t *testing.T, a API) {
	base := a.Serve(t)
	for _, key := range []string{"a%00b", "a%FFb", "%C3%28"} {
		for _, method := range []string{http.MethodPut, http.MethodGet} {
			body := RequireCall(t, http.StatusBadRequest, method, a.url(base, key), a.body(1))
			require.Contains(t, body, a.Param, "%s %s: the error names the key", method, key)
		}
	}
}
