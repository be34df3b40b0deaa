package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/streamsaga/streamsaga/saga/config"
)

// Service start and stop limits.
const (
	healthyWithin = 30 * time.Second
	stopWithin    = 15 * time.Second
)

// process is one started service.
type process struct {
	name string
	addr string
	log  string
	cmd  *exec.Cmd
	done chan struct{}
}

func (p *process) url() string { return "http://" + p.addr }

// serviceNames are the binaries a run starts, in start order.
var serviceNames = []string{"orchestrator", "inventory", "payment"}

// startServices starts n processes of each of the three services from
// bin on the run's database and Redis, each on a free loopback port with
// its log in logDir, and waits until each answers /healthz. The processes
// of a service share its name and come one after another, in start order.
func startServices(ctx context.Context, bin, logDir string, env []string, n int) ([]*process, error) {
	var ps []*process
	for _, name := range serviceNames {
		for i := range n {
			p, err := startService(ctx, name, bin, logName(logDir, name, i), env)
			if err != nil {
				stopServices(ps)
				return nil, err
			}
			ps = append(ps, p)
		}
	}
	return ps, nil
}

// logName is the log of process i of a service: name.log for the first,
// name-2.log for the second and so on.
func logName(logDir, name string, i int) string {
	if i == 0 {
		return filepath.Join(logDir, name+".log")
	}
	return filepath.Join(logDir, fmt.Sprintf("%s-%d.log", name, i+1))
}

// first is the first process of the service name.
func first(ps []*process, name string) *process {
	for _, p := range ps {
		if p.name == name {
			return p
		}
	}
	return nil
}

func startService(ctx context.Context, name, bin, logPath string, env []string) (*process, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	p := &process{name: name, addr: addr, log: logPath, done: make(chan struct{})}
	logf, err := os.Create(p.log)
	if err != nil {
		return nil, fmt.Errorf("creating the log of %s: %w", name, err)
	}
	p.cmd = exec.Command(filepath.Join(bin, name))
	p.cmd.Env = append(slices.Clone(env), "HTTP_ADDR="+addr)
	p.cmd.Stdout, p.cmd.Stderr = logf, logf
	if err := p.cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	go func() { _ = p.cmd.Wait(); logf.Close(); close(p.done) }()
	if err := p.waitHealthy(ctx); err != nil {
		stopServices([]*process{p})
		return nil, err
	}
	return p, nil
}

// waitHealthy polls /healthz until it answers 200.
func (p *process) waitHealthy(ctx context.Context) error {
	deadline := time.Now().Add(healthyWithin)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		select {
		case <-p.done:
			return fmt.Errorf("%s exited at start; its log %s ends:\n%s", p.name, p.log, tail(p.log))
		default:
		}
		if healthy(ctx, p.url()+"/healthz") {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.Join(ctx.Err(), fmt.Errorf("%s not healthy after %s; its log %s ends:\n%s", p.name, healthyWithin, p.log, tail(p.log)))
}

func healthy(ctx context.Context, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// stopServices stops ps with SIGTERM, in reverse order, killing any that
// did not exit in time.
func stopServices(ps []*process) {
	for i := len(ps) - 1; i >= 0; i-- {
		p := ps[i]
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(stopWithin):
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	}
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("finding a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// cleanEnv is this process's environment without the services' own
// settings (config.Variables) and the load generator's ORCHESTRATOR_URL:
// a run sets what it needs.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(config.Variables, k) && k != "ORCHESTRATOR_URL" {
			env = append(env, kv)
		}
	}
	return env
}

// serviceEnv is cleanEnv plus the run's database, Redis and log level.
func serviceEnv(dbURL, redisURL, logLevel string) []string {
	env := append(cleanEnv(), "DATABASE_URL="+dbURL, "REDIS_URL="+redisURL)
	if logLevel != "" {
		env = append(env, "LOG_LEVEL="+logLevel)
	}
	return env
}

// tail is the end of a log file.
func tail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}
