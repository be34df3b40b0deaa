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
// Comparing two builds: build each into its own folder and run the tool
// on each, alternately, on a machine doing nothing else.
package main
