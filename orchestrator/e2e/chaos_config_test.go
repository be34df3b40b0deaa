package e2e

import (
	"flag"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var chaosLong = flag.Bool("chaos.long", false, "run the long chaos test (also: STREAMSAGA_CHAOS=long)")

// Fault kinds the chaos test injects.
const (
	faultKill         = "kill"
	faultPause        = "pause"
	faultRedisWipe    = "redis-wipe"
	faultRedisRestart = "redis-restart"
	faultPGOutage     = "pg-outage"
	faultPGRestart    = "pg-restart"
)

// allFaults are the faults injected by default on a single Redis;
// pg-restart needs a command.
var allFaults = []string{faultKill, faultPause, faultRedisWipe, faultPGOutage}

// clusterFaults are the faults injected by default on a Redis Cluster:
// those of a single Redis, and one master restarted empty.
var clusterFaults = []string{faultKill, faultPause, faultRedisWipe, faultRedisRestart, faultPGOutage}

// chaosConfig sizes one chaos run.
type chaosConfig struct {
	name         string
	orders       int           // orders placed while faults run
	window       time.Duration // how long faults are injected
	settle       time.Duration // how long orders may take to settle after the last fault
	placers      int           // concurrent clients
	seed         uint64
	faults       map[string]bool
	pgOutage     time.Duration // how long a pg-outage keeps the database away
	pgRestartCmd string        // shell command restarting PostgreSQL, if any
}

// loadChaosConfig picks the short or long run and applies the environment:
// STREAMSAGA_CHAOS=long, STREAMSAGA_CHAOS_SEED=<n> to replay a run,
// STREAMSAGA_CHAOS_FAULTS=kill,pause,redis-wipe,redis-restart,pg-outage to
// choose the faults among those the run can inject (default all of
// those), STREAMSAGA_CHAOS_PG_OUTAGE=<duration> for the length of the
// database outage (default 3s), STREAMSAGA_CHAOS_PG_RESTART_CMD to also
// restart the PostgreSQL server once.
func loadChaosConfig(t *testing.T, injectable []string) chaosConfig {
	c := chaosConfig{name: "short", orders: 180, window: 24 * time.Second, settle: 40 * time.Second, placers: 8}
	if *chaosLong || os.Getenv("STREAMSAGA_CHAOS") == "long" {
		c = chaosConfig{name: "long", orders: 1200, window: 3 * time.Minute, settle: 2 * time.Minute, placers: 12}
	}
	c.seed = uint64(time.Now().UnixNano())
	if s := os.Getenv("STREAMSAGA_CHAOS_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("STREAMSAGA_CHAOS_SEED=%q: %v", s, err)
		}
		c.seed = n
	}
	d, err := time.ParseDuration(chaosEnv("STREAMSAGA_CHAOS_PG_OUTAGE", "3s"))
	if err != nil {
		t.Fatalf("STREAMSAGA_CHAOS_PG_OUTAGE: %v", err)
	}
	c.pgOutage = d
	c.faults = parseFaults(t, chaosEnv("STREAMSAGA_CHAOS_FAULTS", strings.Join(injectable, ",")))
	for f := range c.faults {
		if !slices.Contains(injectable, f) {
			t.Logf("chaos: fault %s left out: this run cannot inject it (it can: %v)", f, injectable)
			delete(c.faults, f)
		}
	}
	if c.pgRestartCmd = os.Getenv("STREAMSAGA_CHAOS_PG_RESTART_CMD"); c.pgRestartCmd != "" {
		c.faults[faultPGRestart] = true
	}
	return c
}

func parseFaults(t *testing.T, list string) map[string]bool {
	out := map[string]bool{}
	for _, f := range strings.Split(list, ",") {
		switch f = strings.TrimSpace(f); f {
		case faultKill, faultPause, faultRedisWipe, faultRedisRestart, faultPGOutage:
			out[f] = true
		case "":
		default:
			t.Fatalf("STREAMSAGA_CHAOS_FAULTS: unknown fault %q (want some of %v)", f, clusterFaults)
		}
	}
	return out
}

func chaosEnv(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
