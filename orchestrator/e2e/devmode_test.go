package e2e

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// startDevSystem runs "orchestrator dev": the three services in one
// process on the embedded Redis and SQLite files in a temporary data
// directory, whatever PostgreSQL or Redis the machine has. The inventory
// and payment procs only carry their addresses; s.rdb is the embedded
// Redis, read from the banner.
func startDevSystem(t *testing.T) *system {
	t.Helper()
	orch := &proc{name: "orchestrator dev", bin: "orchestrator", addr: freeAddr(t),
		log: t.TempDir() + "/dev.log", env: append(devEnviron(), "LOG_LEVEL=info", "CLAIM_MIN_IDLE=2s")}
	inv := &proc{name: "inventory (dev)", addr: freeAddr(t)}
	pay := &proc{name: "payment (dev)", addr: freeAddr(t)}
	orch.args = []string{"dev", "--data", t.TempDir(), "--addr", orch.addr,
		"--inventory-addr", inv.addr, "--payment-addr", pay.addr}
	orch.start(t)
	t.Cleanup(orch.kill)
	inv.waitHealthy(t)
	pay.waitHealthy(t)
	rdb := redis.NewClient(&redis.Options{Addr: embeddedRedis(t, orch)})
	t.Cleanup(func() { _ = rdb.Close() })
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("--- dev log ---\n%s", tail(orch.log))
		}
	})
	return &system{orch: orch, orchs: []*proc{orch}, inv: inv, pay: pay, rdb: rdb, streams: rdb}
}

// devEnviron is this process's environment without the settings that
// would put dev mode on the machine's PostgreSQL and Redis.
func devEnviron() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "DATABASE_URL", "REDIS_URL", "STREAM_PREFIX", "HTTP_ADDR", "LOG_LEVEL":
			continue
		}
		env = append(env, kv)
	}
	return env
}

var embeddedAt = regexp.MustCompile(`redis\s+embedded at (\S+)`)

// embeddedRedis reads the embedded Redis's address from the dev banner.
func embeddedRedis(t *testing.T, p *proc) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(p.log)
		if m := embeddedAt.FindSubmatch(b); m != nil {
			return string(m[1])
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no embedded Redis address in the dev banner; log:\n%s", tail(p.log))
	return ""
}
