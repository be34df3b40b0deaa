package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/loadgen"
)

// Group names of the processes a run measures besides the services.
const (
	groupLoadgen    = "loadgen"
	groupPGRun      = "postgres (run's database)"
	groupPGRest     = "postgres (rest of server)"
	groupRedis      = "redis-server"
	cleanupDeadline = 60 * time.Second
	// clusterStartDeadline bounds starting a Redis Cluster's nodes and
	// waiting until every slot is served.
	clusterStartDeadline = 60 * time.Second
)

// bench is what every run shares: the PostgreSQL server, the Redis
// database and the schema.
type bench struct {
	cfg    benchConfig
	srv    *server
	redis  redisStore
	schema string
	logDir string
}

// result is one run's figures.
type result struct {
	Load   load           `json:"load"`
	Report loadgen.Report `json:"report"`
	// Seconds is the sampled window: from the end of the warm-up to the
	// generator's exit.
	Seconds   float64        `json:"seconds"`
	Machine   usage          `json:"machine"`
	Processes []processUsage `json:"processes"`
	// Counters are each service's calls, allocations and GC cycles per
	// completed saga, by service ("all" adds them up) and counter.
	Counters map[string]map[string]float64 `json:"counters_per_saga"`
	Database string                        `json:"database"`
}

// processUsage is what one process, or one group of them, used.
type processUsage struct {
	Name string `json:"name"`
	usage
}

// run measures one load on a fresh database and Redis database.
func (b *bench) run(ctx context.Context, i int, ld load) (res result, err error) {
	name := fmt.Sprintf("streamsaga_bench_%d_%s", i+1, randomSuffix())
	dbURL, err := b.srv.createDatabase(ctx, name, b.schema)
	if err != nil {
		return res, err
	}
	defer func() { err = errors.Join(err, b.cleanUp(name)) }()
	if err := b.redis.empty(ctx); err != nil {
		return res, err
	}
	ps, err := startServices(ctx, b.cfg.bin, b.logDir, b.serviceEnv(dbURL), b.cfg.processes)
	if err != nil {
		return res, err
	}
	defer stopServices(ps)
	res, err = b.measure(ctx, ld, ps, name, filepath.Join(b.logDir, fmt.Sprintf("loadgen-%d.log", i+1)))
	res.Database = name
	return res, err
}

// measure runs the load generator and samples the processes from the end
// of its warm-up to its exit.
func (b *bench) measure(ctx context.Context, ld load, ps []*process, dbName, logPath string) (result, error) {
	g, err := startLoadgen(b.cfg, loadgenArgs(b.cfg, ld, ps), logPath)
	if err != nil {
		return result{}, err
	}
	sources := b.sources(ps, g, dbName)
	if err := g.waitStarted(ctx, b.cfg.warmup); err != nil {
		g.kill()
		return result{}, fmt.Errorf("%w; its log %s ends:\n%s", err, logPath, tail(logPath))
	}
	before, err := takeSample(ctx, b.cfg.procRoot, sources, ps)
	if err != nil {
		g.kill()
		return result{}, err
	}
	rep, repErr := g.readReport()
	after, err := takeSample(ctx, b.cfg.procRoot, sources, ps)
	lg, waitErr := g.wait()
	if err := errors.Join(repErr, err, waitErr); err != nil {
		return result{}, fmt.Errorf("%w; its log %s ends:\n%s", err, logPath, tail(logPath))
	}
	after.groups[groupLoadgen] = map[int]procStat{g.cmd.Process.Pid: lg}
	return b.result(ld, rep, before, after), nil
}

// serviceEnv is the services' environment for a run on the database at
// dbURL: the run's settings, then the configured extra variables.
func (b *bench) serviceEnv(dbURL string) []string {
	return append(serviceEnv(dbURL, b.cfg.redisURL, b.cfg.logLevel), b.cfg.serviceEnv...)
}

// sources are the groups a run samples: each service, the generator, the
// backends of the run's database but those of skip, the rest of the
// PostgreSQL server (its reaped backends included; never skip) and Redis.
func (b *bench) sources(ps []*process, g *generator, dbName string, skip ...int) []groupSource {
	var out []groupSource
	for _, name := range serviceNames {
		var pids []int
		for _, p := range ps {
			if p.name == name {
				pids = append(pids, p.cmd.Process.Pid)
			}
		}
		out = append(out, fixedPIDs(name, pids...))
	}
	out = append(out, fixedPIDs(groupLoadgen, g.cmd.Process.Pid),
		groupSource{name: groupPGRun, pids: func(ctx context.Context) ([]int, error) {
			pids, err := b.srv.backends(ctx, dbName)
			return slices.DeleteFunc(pids, func(p int) bool { return slices.Contains(skip, p) }), err
		}},
		groupSource{name: groupPGRest, pids: func(ctx context.Context) ([]int, error) { return b.restOfServer(ctx, dbName) }})
	if pids := b.redis.pids(context.Background()); len(pids) > 0 {
		out = append(out, fixedPIDs(groupRedis, pids...))
	}
	return out
}

// restOfServer lists the PostgreSQL processes that do not serve the run's
// database: the postmaster, its helpers and other databases' backends.
func (b *bench) restOfServer(ctx context.Context, dbName string) ([]int, error) {
	run, err := b.srv.backends(ctx, dbName)
	if err != nil {
		return nil, err
	}
	skip := map[int]bool{}
	for _, pid := range run {
		skip[pid] = true
	}
	var out []int
	for _, pid := range pidsNamed(b.cfg.procRoot, "postgres") {
		if !skip[pid] {
			out = append(out, pid)
		}
	}
	return out, nil
}

func (b *bench) result(ld load, rep loadgen.Report, before, after sample) result {
	res := result{Load: ld, Report: rep, Seconds: after.at.Sub(before.at).Seconds(), Machine: machineUsage(before, after),
		Counters: countersPerSaga(before, after, rep.Completed)}
	for _, n := range append(slices.Clone(serviceNames), groupLoadgen, groupPGRun, groupPGRest, groupRedis) {
		if _, ok := after.groups[n]; ok {
			res.Processes = append(res.Processes, processUsage{Name: n, usage: groupUsage(before, after, n)})
		}
	}
	return res
}

// cleanUp drops the run's database and empties the Redis database.
func (b *bench) cleanUp(dbName string) error {
	ctx, cancel := context.WithTimeout(context.Background(), cleanupDeadline)
	defer cancel()
	return errors.Join(b.srv.dropDatabase(ctx, dbName), b.redis.empty(ctx))
}

func randomSuffix() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
