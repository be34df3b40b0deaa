package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/orchestrator/loadgen"
)

// sustained is a sustained run's output.
type sustained struct {
	Bin             string         `json:"bin"`
	Redis           string         `json:"redis"`
	Processes       int            `json:"processes"`
	Rate            float64        `json:"rate"`
	Seconds         float64        `json:"seconds"`
	IntervalSeconds float64        `json:"interval_seconds"`
	ServiceEnv      []string       `json:"service_env"`
	Database        string         `json:"database"`
	Start           tableSizes     `json:"start"`
	Intervals       []interval     `json:"intervals"`
	Comparison      comparison     `json:"first_vs_last"`
	Report          loadgen.Report `json:"report"`
	Settings        []setting      `json:"postgres_settings"`
	Autovacuum      string         `json:"autovacuum"`
}

// runSustained makes the sustained run and prints a line per interval as
// it ends (to stderr with --json), then the summary or, with --json, all
// of it as JSON.
func (b *bench) runSustained(ctx context.Context, stdout, stderr io.Writer) error {
	c := b.cfg
	s := sustained{Bin: c.bin, Redis: redisSetup(c.cluster), Processes: c.processes, Rate: c.sustain.rate,
		Seconds: c.sustain.duration.Seconds(), IntervalSeconds: c.sustain.interval.Seconds(), ServiceEnv: c.serviceEnv}
	var err error
	if s.Settings, s.Autovacuum, err = b.srv.settings(ctx); err != nil {
		return err
	}
	lines := stdout
	if c.json {
		lines = stderr
	}
	fmt.Fprintf(stderr, "bench: sustained open loop %g/s for %s, a line every %s; PostgreSQL autovacuum %s\n",
		s.Rate, c.sustain.duration, c.sustain.interval, s.Autovacuum)
	writeIntervalHeader(lines)
	if err := b.sustain(ctx, &s, func(iv interval) { writeInterval(lines, iv) }); err != nil {
		return fmt.Errorf("sustained run: %w", err)
	}
	s.Comparison = compare(s.Intervals)
	if c.json {
		return writeJSON(stdout, s)
	}
	writeSustained(stdout, s)
	return nil
}

// sustain runs the load generator at the configured rate for the whole
// duration against services started once on one fresh database, and
// hands each interval to emit as it ends.
func (b *bench) sustain(ctx context.Context, s *sustained, emit func(interval)) (err error) {
	s.Database = "streamsaga_bench_sustained_" + randomSuffix()
	dbURL, err := b.srv.createDatabase(ctx, s.Database, b.schema)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, b.cleanUp(s.Database)) }()
	if err := b.redis.empty(ctx); err != nil {
		return err
	}
	ps, err := startServices(ctx, b.cfg.bin, b.logDir, b.serviceEnv(dbURL), b.cfg.processes)
	if err != nil {
		return err
	}
	defer stopServices(ps)
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return fmt.Errorf("connecting to database %s: %w", s.Database, err)
	}
	defer conn.Close(context.Background())
	return b.sustainLoad(ctx, s, ps, conn, emit)
}

// sustainLoad runs the load generator and follows its intervals. The
// bench's own connection, conn, counts the tables; its backend is left
// out of the PostgreSQL figures.
func (b *bench) sustainLoad(ctx context.Context, s *sustained, ps []*process, conn *pgx.Conn, emit func(interval)) error {
	logPath := filepath.Join(b.logDir, "loadgen-sustained.log")
	g, err := startLoadgen(b.cfg, sustainArgs(b.cfg, ps), logPath)
	if err != nil {
		return err
	}
	if err := g.waitStarted(ctx, 0); err != nil {
		g.kill()
		return fmt.Errorf("%w; its log %s ends:\n%s", err, logPath, tail(logPath))
	}
	sources := b.sources(ps, g, s.Database, int(conn.PgConn().PID()))
	probe := func(ctx context.Context) (point, error) {
		smp, err := takeSample(ctx, b.cfg.procRoot, sources, ps)
		if err != nil {
			return point{}, err
		}
		ts, err := readTables(ctx, conn)
		return point{sample: smp, tables: ts}, err
	}
	var loopErr error
	s.Start, s.Intervals, s.Report, loopErr = sustainLoop(ctx, &jsonFeed{dec: json.NewDecoder(g.stdout)}, probe, emit)
	if loopErr != nil {
		g.kill()
		return fmt.Errorf("%w; the load generator's log %s ends:\n%s", loopErr, logPath, tail(logPath))
	}
	if _, err := g.wait(); err != nil {
		return fmt.Errorf("%w; its log %s ends:\n%s", err, logPath, tail(logPath))
	}
	return nil
}

// sustainArgs runs the load generator open loop at the sustained rate for
// the whole run, without a warm-up, reporting every interval.
func sustainArgs(c benchConfig, ps []*process) []string {
	return append(serviceArgs(c, ps), "--rate", strconv.FormatFloat(c.sustain.rate, 'f', -1, 64),
		"--duration", c.sustain.duration.String(), "--warmup", "0", "--interval", c.sustain.interval.String())
}

// jsonFeed reads the load generator's JSON output: a line
// {"interval": {...}} per interval, then the report.
type jsonFeed struct{ dec *json.Decoder }

func (f *jsonFeed) next() (*loadgen.IntervalReport, *loadgen.Report, error) {
	var v struct {
		Interval *loadgen.IntervalReport `json:"interval"`
		loadgen.Report
	}
	if err := f.dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, nil, fmt.Errorf("reading the load generator's output: %w", err)
	}
	if v.Interval != nil {
		return v.Interval, nil, nil
	}
	return nil, &v.Report, nil
}
