// Package testenv gives tests real, isolated back ends: a fresh PostgreSQL
// database with schema.sql applied (cloned from a template, dropped after the
// test) and a Redis client with a unique key prefix (its keys deleted after
// the test). ScanKeys and DeleteKeys work on a single Redis and, master by
// master, on a Redis Cluster client (see rediscluster for a local cluster).
//
// When a server cannot be reached the test is skipped with a message saying
// how to point it at one, unless STREAMSAGA_REQUIRE_SERVICES or CI is set,
// in which case it fails.
package testenv
