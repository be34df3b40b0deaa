// Command bench measures whole-system performance at a few fixed loads and
// reports what each completed saga costs the machine.
//
//	go build -o bin/ ./orchestrator/cmd/orchestrator ./participants/cmd/inventory \
//		./participants/cmd/payment ./orchestrator/cmd/loadgen
//	go run ./tools/bench --bin bin
//
// For every run (by default open loop at 20, 150 and 300 orders/s, then a
// closed loop of 64 clients) it creates a fresh PostgreSQL database with
// schema.sql, empties its Redis database, starts the orchestrator, inventory
// and payment from the binaries in --bin, runs the load generator against
// them, and stops them again. Between the end of the load generator's
// warm-up and its exit it samples /proc: the whole machine's busy CPU time
// and context switches (/proc/stat), and each process's CPU time
// (utime+stime) and context switches: the three services, the load
// generator, the PostgreSQL backends of the run's database, the rest of
// the PostgreSQL server and Redis; and each service's /metrics counters of
// database transactions, statements and round trips, Redis round trips
// and commands, allocations and GC cycles. It reports completed sagas/s,
// the end-to-end latency percentiles and every figure per completed saga,
// then the PostgreSQL settings that differ from their defaults.
//
// --cluster N runs every load on a local Redis Cluster of N masters
// instead: started once on free loopback ports with the machine's
// redis-server and redis-cli, its files in a temporary folder, every
// master emptied (FLUSHALL) before and after each run, stopped at the end;
// the services and the load generator get its URL, and the redis-server
// figures add up its masters. --processes N starts N processes of each
// service, sharing the work through the consumer groups; the load
// generator talks to the first of each and each service's figures add up
// its processes.
//
// --service-env KEY=VALUE (repeatable) adds a variable to the services'
// environment (and the load generator's), after the run's own; for
// example SAGA_RETENTION=1h, the shortest retention, so that a run sees
// the purge at work.
//
// Sustained mode keeps one load up for a long time and shows whether
// rate and latency hold while the tables grow:
//
//	go run ./tools/bench --bin bin --sustain 30m --rate 150 --interval 1m //		--service-env SAGA_RETENTION=1h
//
// It makes one run: a fresh database, the services started once, and the
// load generator started once, open loop at --rate orders/s for the
// whole --sustain time without a warm-up, reporting every --interval as
// it ends (its --interval flag; the intervals follow one another without
// a gap, the last one ends once the orders in flight have ended). At
// each interval's end the bench samples /proc and the services' /metrics
// and counts the rows of the hot tables (orchestrator.sagas, saga_history,
// outbox and inbox, the participants' inbox and barrier) and the size on
// disk of sagas and saga_history (pg_total_relation_size), over a
// connection of its own whose backend is left out of the PostgreSQL
// figures (the whole machine's include it). Each line shows the time,
// completed sagas/s, the end-to-end p50/p90/p99 of the sagas that ended
// in the interval, HTTP errors, CPU ms per saga of the whole machine, of
// the run's PostgreSQL backends and of the rest of the PostgreSQL server
// (autovacuum workers, checkpointer, WAL writer, backends that exited,
// other databases' backends: on a server that serves nothing else, the
// two add up to PostgreSQL's), the tables, and whether autovacuum is on. The summary sets the first interval against
// the last: rate, p50, p99 and last over first. --json prints it all as
// JSON (the lines go to stderr). The first interval includes the
// services' start (cold caches, plans being prepared).
//
// Autovacuum is a server setting: it cannot be set for one database, and
// the bench does not change it (it would change it for everything else
// on the server, and stay changed if the bench were killed). It reports
// it at the start and on every line. To measure with autovacuum on, as a
// superuser on a server that runs nothing else:
//
//	psql -c 'ALTER SYSTEM SET autovacuum = on' -c 'SELECT pg_reload_conf()'
//	go run ./tools/bench --bin bin --sustain 30m --rate 150
//	psql -c 'ALTER SYSTEM RESET autovacuum' -c 'SELECT pg_reload_conf()'
//
// (RESET returns to the configuration file's value; ALTER SYSTEM SET
// autovacuum = off and a reload turn it off the same way.)
//
// Comparing two builds: build each into its own folder and run the tool
// on each, alternately, on a machine doing nothing else.
package main
