package e2e

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestOneDatabaseConnectionPerServiceOnACluster runs every service with a
// pool of one PostgreSQL connection (pool_max_conns=1) on a Redis Cluster,
// where each consumer handles its 16 shards side by side: the shards and
// the HTTP handlers queue for the one connection and every order still
// settles, so no code path holds a connection while it waits for a
// second. (The pools' usual bound, pg.Sizing, only shortens the queue.)
func TestOneDatabaseConnectionPerServiceOnACluster(t *testing.T) {
	s := startClusterSystemWith(t, 1, "pool_max_conns=1")
	stock, balances := scarce()
	w := newWorkload(s.system, t, stock, balances)
	w.placeRandom(s.system, t, 60, rand.New(rand.NewPCG(11, 12)))
	approved := w.check(s.system, t, 60*time.Second)
	require.Positive(t, approved)
}

// withParams adds params (k=v&...) to a URL's query.
func withParams(url, params string) string {
	switch {
	case params == "":
		return url
	case strings.Contains(url, "?"):
		return url + "&" + params
	}
	return url + "?" + params
}
