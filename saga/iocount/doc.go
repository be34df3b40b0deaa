// Package iocount counts what a process asks of PostgreSQL and Redis:
// transactions, statements and round trips to the database, and round
// trips and commands (by name) to Redis. The PostgreSQL pools of
// saga/pg and the Redis clients of saga/stream report to it, and every
// service's /metrics shows the totals (metrics.NewCalls), so a load test
// can divide them by the sagas it completed.
//
// The counts are the process's: the dev mode, with every service in one
// process, adds them all up. Counting costs an atomic addition per call.
package iocount
