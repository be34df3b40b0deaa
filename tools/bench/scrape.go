package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// countedSeries are the /metrics series a run reads from each service
// before and after, by name prefix: the process's calls to PostgreSQL
// and Redis, its allocations and its garbage collections.
var countedSeries = []string{
	"streamsaga_db_transactions_total",
	"streamsaga_db_statements_total",
	"streamsaga_db_round_trips_total",
	"streamsaga_redis_round_trips_total",
	"streamsaga_redis_commands_total",
	"go_memstats_mallocs_total",
	"go_gc_duration_seconds_count",
}

// scrape reads the counted series from a service's /metrics.
func scrape(ctx context.Context, url string) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("reading %s/metrics: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("reading %s/metrics: %s", url, resp.Status)
	}
	return parseCounted(resp.Body)
}

// parseCounted reads the counted series of a Prometheus text exposition:
// one "name{labels} value" per line.
func parseCounted(r io.Reader) (map[string]float64, error) {
	out := map[string]float64{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' || !isCounted(line) {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			return nil, fmt.Errorf("metrics line %q: %w", line, err)
		}
		out[line[:i]] = v
	}
	return out, sc.Err()
}

func isCounted(line string) bool {
	name, _, _ := strings.Cut(line, "{")
	name, _, _ = strings.Cut(name, " ")
	return slices.Contains(countedSeries, name)
}

// counterName is how a series is shown: streamsaga_redis_commands_total
// {command="xadd"} becomes "redis xadd".
func counterName(series string) string {
	name, labels, _ := strings.Cut(series, "{")
	short := map[string]string{
		"streamsaga_db_transactions_total":   "db transactions",
		"streamsaga_db_statements_total":     "db statements",
		"streamsaga_db_round_trips_total":    "db round trips",
		"streamsaga_redis_round_trips_total": "redis round trips",
		"go_memstats_mallocs_total":          "allocations",
		"go_gc_duration_seconds_count":       "GC cycles",
	}[name]
	if cmd, ok := strings.CutPrefix(labels, `command="`); ok {
		return "redis " + strings.TrimSuffix(strings.TrimSuffix(cmd, "}"), `"`)
	}
	if short == "" {
		return series
	}
	return short
}
