// Package rediscluster starts a real Redis Cluster for a test: masters on
// free loopback ports, each a redis-server process of the machine's own
// binary with cluster-enabled yes in a temporary folder, joined with
// "redis-cli --cluster create ... --cluster-replicas 0 --cluster-yes", and
// torn down (processes killed, folders removed) when the test ends.
//
// Faults: Flush empties one master (FLUSHALL) while it runs on; Restart
// kills one master, deletes its files and brings it back on the same port
// as a new, empty node that takes over the slots it served.
//
// Where the cluster cannot start (no redis-server or redis-cli, or it does
// not come up) the test is skipped with a message saying why, unless
// STREAMSAGA_REQUIRE_SERVICES or CI is set: it then fails.
package rediscluster
