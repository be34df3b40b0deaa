package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err == nil {
		err = run(ctx, cfg, os.Stdout, os.Stderr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// run measures every load of cfg in turn and prints the results.
func run(ctx context.Context, cfg benchConfig, stdout, stderr io.Writer) error {
	b, err := openBench(ctx, cfg)
	if err != nil {
		return err
	}
	defer b.close()
	if cfg.sustain.on() {
		return b.runSustained(ctx, stdout, stderr)
	}
	s := summary{Bin: cfg.bin, Redis: redisSetup(cfg.cluster), Processes: cfg.processes}
	if s.Settings, s.Autovacuum, err = b.srv.settings(ctx); err != nil {
		return err
	}
	runOut := stdout
	if cfg.json {
		runOut = stderr
	}
	for i, ld := range cfg.loads {
		fmt.Fprintf(stderr, "bench: run %d of %d, %s, %s + %s warm-up\n", i+1, len(cfg.loads), ld, cfg.duration, cfg.warmup)
		r, err := b.run(ctx, i, ld)
		if err != nil {
			return fmt.Errorf("run %d (%s): %w", i+1, ld, err)
		}
		s.Runs = append(s.Runs, r)
		writeRun(runOut, r)
	}
	if cfg.json {
		return writeJSON(stdout, s)
	}
	writeSummary(stdout, s)
	return nil
}

// redisSetup names the Redis the runs use.
func redisSetup(cluster int) string {
	if cluster == 0 {
		return "single"
	}
	return fmt.Sprintf("cluster of %d masters", cluster)
}

// openBench connects to PostgreSQL and Redis, reads the schema and makes
// the log folder.
func openBench(ctx context.Context, cfg benchConfig) (*bench, error) {
	schema, err := os.ReadFile(cfg.schema)
	if err != nil {
		return nil, fmt.Errorf("reading the schema: %w", err)
	}
	b := &bench{cfg: cfg, schema: string(schema), logDir: cfg.logDir}
	if b.logDir == "" {
		if b.logDir, err = os.MkdirTemp("", "streamsaga-bench"); err != nil {
			return nil, fmt.Errorf("making a log folder: %w", err)
		}
	} else if err := os.MkdirAll(b.logDir, 0o755); err != nil {
		return nil, fmt.Errorf("making the log folder: %w", err)
	}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if b.srv, err = connectServer(cctx, cfg.adminURL); err != nil {
		b.close()
		return nil, err
	}
	if err := b.openRedis(ctx, cctx); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

// openRedis starts the bench's Redis Cluster when asked for one, its URL
// then replacing the configured one, or connects to the Redis database.
func (b *bench) openRedis(ctx, connectCtx context.Context) error {
	if b.cfg.cluster == 0 {
		r, err := openRedis(connectCtx, b.cfg.redisURL, b.cfg.flushRedis)
		if r != nil {
			b.redis = r
		}
		return err
	}
	sctx, cancel := context.WithTimeout(ctx, clusterStartDeadline)
	defer cancel()
	c, err := startCluster(sctx, b.cfg.cluster)
	if c != nil {
		b.redis = c
		b.cfg.redisURL = c.url()
	}
	return err
}

// close closes the connections and removes a temporary log folder.
func (b *bench) close() {
	if b.srv != nil {
		b.srv.close(context.Background())
	}
	if b.redis != nil {
		b.redis.close()
	}
	if b.cfg.logDir == "" {
		_ = os.RemoveAll(b.logDir)
	}
}
