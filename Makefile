# See README.md ("Test it"): with only Go, the suite runs on the embedded
# SQLite and Redis and names the PostgreSQL/Redis tests it skipped.

GO ?= go

.PHONY: test chaos chaos-cluster

# The README's test command: every package, with the race detector where
# cgo is available, and a summary of skipped tests. The short chaos tests in
# orchestrator/e2e (single Redis and Redis Cluster) are part of it.
test:
	$(GO) run ./tools/testall

# The long chaos test: 1000+ orders over a few minutes while processes are
# killed and paused, Redis is wiped and the database goes away. Set
# STREAMSAGA_CHAOS_PG_RESTART_CMD to a command that restarts PostgreSQL to
# also restart the server once (it affects every database on it);
# STREAMSAGA_CHAOS_SEED replays a run, STREAMSAGA_CHAOS_LOGS=<dir> keeps the
# service logs.
chaos:
	$(GO) test -race -count=1 -timeout 20m -v -run '^TestChaos$$' ./orchestrator/e2e/ -chaos.long

# The same long run on a local Redis Cluster of three masters (started from
# the machine's redis-server and redis-cli) with two processes of each
# service; one master is also restarted empty once. The same variables apply.
chaos-cluster:
	$(GO) test -race -count=1 -timeout 20m -v -run '^TestChaosOnACluster$$' ./orchestrator/e2e/ -chaos.long

# A load test against services that are already running (README.md, "Load
# test"): builds the three services and the load generator into bin/, then
# runs the generator with LOADGEN_FLAGS. The environment's ORCHESTRATOR_URL,
# REDIS_URL, STREAM_PREFIX, STREAM_SHARDS and API_TOKEN apply.
LOADGEN_FLAGS ?= --clients 32 --duration 60s

.PHONY: loadtest
loadtest:
	$(GO) build -o bin/ ./orchestrator/cmd/orchestrator ./participants/cmd/inventory ./participants/cmd/payment ./orchestrator/cmd/loadgen
	./bin/loadgen $(LOADGEN_FLAGS)

# Whole-system figures at fixed loads (README.md, "Load test"): builds the
# three services and the load generator into bin/, then runs tools/bench on
# them, each run on a fresh database and an emptied Redis database.
BENCH_FLAGS ?=

.PHONY: bench
bench:
	$(GO) build -o bin/ ./orchestrator/cmd/orchestrator ./participants/cmd/inventory ./participants/cmd/payment ./orchestrator/cmd/loadgen
	$(GO) run ./tools/bench --bin bin $(BENCH_FLAGS)
