package main

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"
)

// DefaultInterval is how often a sustained run prints a line.
const DefaultInterval = time.Minute

// sustainConfig is a sustained run's settings (--sustain): one database,
// the services started once, the load generator at one rate throughout.
type sustainConfig struct {
	// duration is the run's length; zero means the fixed-load runs instead.
	duration time.Duration
	// rate is the open-loop rate in orders/s.
	rate float64
	// interval is how often a line is printed. Optional: default
	// DefaultInterval (1m).
	interval time.Duration
}

// on reports whether the bench is a sustained run.
func (s sustainConfig) on() bool { return s.duration != 0 }

// sustainFlags registers the flags of a sustained run on fs.
func sustainFlags(fs *flag.FlagSet, s *sustainConfig) {
	fs.DurationVar(&s.duration, "sustain", 0, "one sustained run of this length at --rate instead of the fixed-load runs (0: none)")
	fs.Float64Var(&s.rate, "rate", 0, "orders/s of the sustained run (open loop)")
	fs.DurationVar(&s.interval, "interval", DefaultInterval, "the sustained run prints a line per interval of this length")
}

// checkSustain checks a sustained run's flags against the others: set
// names the flags given on the command line.
func checkSustain(s sustainConfig, set map[string]bool) error {
	if !s.on() {
		for _, f := range []string{"rate", "interval"} {
			if set[f] {
				return fmt.Errorf("--%s applies to a sustained run only: add --sustain DURATION", f)
			}
		}
		return nil
	}
	switch {
	case s.duration < 0:
		return fmt.Errorf("--sustain %s: the run's length must be positive", s.duration)
	case s.rate <= 0:
		return errors.New("--sustain needs --rate N, the orders/s to keep up")
	case s.interval <= 0:
		return fmt.Errorf("--interval %s must be positive", s.interval)
	}
	for _, f := range []string{"rates", "clients", "duration", "warmup"} {
		if set[f] {
			return fmt.Errorf("--%s does not apply to a sustained run (--sustain, --rate, --interval)", f)
		}
	}
	return nil
}

// setFlags names the flags given on fs's command line.
func setFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// runOwnedEnv are the variables each run sets for the services itself.
var runOwnedEnv = []string{"DATABASE_URL", "REDIS_URL", "HTTP_ADDR"}

// parseServiceEnv checks one --service-env KEY=VALUE.
func parseServiceEnv(kv string) (string, error) {
	k, _, ok := strings.Cut(kv, "=")
	switch {
	case !ok || k == "" || strings.ContainsAny(k, " \t"):
		return "", fmt.Errorf("--service-env %q is not KEY=VALUE", kv)
	case slices.Contains(runOwnedEnv, k):
		return "", fmt.Errorf("--service-env %s: every run sets %s itself", k, strings.Join(runOwnedEnv, ", "))
	}
	return kv, nil
}
