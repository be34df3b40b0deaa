package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/loadgen"
)

// generator is a running load generator.
type generator struct {
	cmd    *exec.Cmd
	stdout io.ReadCloser
	// started is closed once the generator has set up and starts placing
	// orders (its warm-up starts then).
	started chan struct{}
	// ended is closed when its stderr ends, that is when it exits.
	ended chan struct{}
}

// startLoadgen runs the load generator with args, its progress lines
// going to logPath. Its environment has the services' extra variables
// (STREAM_PREFIX and API_TOKEN matter to it).
func startLoadgen(c benchConfig, args []string, logPath string) (*generator, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("creating the load generator's log: %w", err)
	}
	cmd := exec.Command(c.loadgen, args...)
	cmd.Env = append(cleanEnv(), c.serviceEnv...)
	g := &generator{cmd: cmd, started: make(chan struct{}), ended: make(chan struct{})}
	if g.stdout, err = cmd.StdoutPipe(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("load generator: %w", err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		logf.Close()
		return nil, fmt.Errorf("load generator: %w", err)
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("starting the load generator: %w", err)
	}
	go g.watch(stderr, logf)
	return g, nil
}

// loadgenArgs runs the load generator at ld for one fixed-load run.
func loadgenArgs(c benchConfig, ld load, ps []*process) []string {
	args := append(serviceArgs(c, ps), "--duration", (c.warmup + c.duration).String(), "--warmup", c.warmup.String())
	if ld.Rate > 0 {
		return append(args, "--rate", strconv.FormatFloat(ld.Rate, 'f', -1, 64))
	}
	return append(args, "--clients", strconv.Itoa(ld.Clients))
}

// serviceArgs points the load generator at the first process of each
// service and the run's Redis, its report as JSON.
func serviceArgs(c benchConfig, ps []*process) []string {
	return []string{"--json", "--url", first(ps, "orchestrator").url(), "--inventory-url", first(ps, "inventory").url(),
		"--payment-url", first(ps, "payment").url(), "--redis-url", c.redisURL}
}

// watch copies the generator's stderr to log and closes started at the
// line that announces the run ("loadgen: run ...").
func (g *generator) watch(stderr io.Reader, log *os.File) {
	defer close(g.ended)
	defer log.Close()
	seen := false
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		line := sc.Text()
		fmt.Fprintln(log, line)
		if !seen && strings.HasPrefix(line, "loadgen: run ") {
			seen = true
			close(g.started)
		}
	}
}

// waitStarted waits until the generator starts placing orders, then for
// its warm-up.
func (g *generator) waitStarted(ctx context.Context, warmup time.Duration) error {
	select {
	case <-g.started:
	case <-g.ended:
		return fmt.Errorf("the load generator ended before placing orders")
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-time.After(warmup):
		return nil
	case <-g.ended:
		return fmt.Errorf("the load generator ended during its warm-up")
	case <-ctx.Done():
		return ctx.Err()
	}
}

// readReport reads the generator's report; it returns once the generator
// has closed its output, that is when it is about to exit.
func (g *generator) readReport() (loadgen.Report, error) {
	out, err := io.ReadAll(g.stdout)
	if err != nil {
		return loadgen.Report{}, fmt.Errorf("reading the load generator's report: %w", err)
	}
	var rep loadgen.Report
	if err := json.NewDecoder(bytes.NewReader(out)).Decode(&rep); err != nil {
		return loadgen.Report{}, fmt.Errorf("decoding the load generator's report %q: %w", out, err)
	}
	return rep, nil
}

// wait waits for the generator to exit and returns its own counters,
// taken from its resource usage.
func (g *generator) wait() (procStat, error) {
	<-g.ended
	err := g.cmd.Wait()
	st := procStat{}
	if ru, ok := g.cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		st.cpu = uint64((ru.Utime.Nano() + ru.Stime.Nano()) * clockTicks / int64(time.Second))
		st.ctxsw = uint64(ru.Nvcsw + ru.Nivcsw)
	}
	if err != nil {
		return st, fmt.Errorf("the load generator failed: %w", err)
	}
	return st, nil
}

// kill ends the generator early.
func (g *generator) kill() {
	_ = g.cmd.Process.Kill()
	<-g.ended
	_ = g.cmd.Wait()
}
