package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// binDir holds the binaries built once for the whole test run.
var binDir string

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "streamsaga-e2e-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	root := filepath.Dir(testenv.SchemaPath())
	cmd := exec.Command("go", "build", "-o", dir+string(os.PathSeparator),
		"./orchestrator/cmd/orchestrator", "./participants/cmd/inventory", "./participants/cmd/payment")
	cmd.Dir, cmd.Stdout, cmd.Stderr = root, os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building binaries:", err)
		return 1
	}
	binDir = dir
	return m.Run()
}

// proc is one service process: name labels it in logs and messages, bin
// is the binary it runs.
type proc struct {
	name string
	bin  string
	args []string
	env  []string
	addr string
	log  string
	cmd  *exec.Cmd
	done chan struct{}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func newProc(t *testing.T, name string, env []string) *proc {
	p := &proc{name: name, bin: name, addr: freeAddr(t), log: filepath.Join(t.TempDir(), name+".log")}
	p.env = append(append(os.Environ(), env...), "HTTP_ADDR="+p.addr, "LOG_LEVEL=info")
	return p
}

func (p *proc) start(t *testing.T) {
	t.Helper()
	logf, err := os.OpenFile(p.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatalf("opening log of %s: %v", p.name, err)
	}
	p.cmd = exec.Command(filepath.Join(binDir, p.bin), p.args...)
	p.cmd.Env, p.cmd.Stdout, p.cmd.Stderr = p.env, logf, logf
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", p.name, err)
	}
	p.done = make(chan struct{})
	go func() { _ = p.cmd.Wait(); logf.Close(); close(p.done) }()
	p.waitHealthy(t)
}

func (p *proc) waitHealthy(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			t.Fatalf("%s exited at start; log:\n%s", p.name, tail(p.log))
		default:
		}
		resp, err := http.Get("http://" + p.addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s not healthy after 30s; log:\n%s", p.name, tail(p.log))
}

// alive reports whether the process was started and has not exited.
func (p *proc) alive() bool {
	if p.done == nil {
		return false
	}
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// kill sends SIGKILL and waits for the process to go.
func (p *proc) kill() {
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// pause freezes the process with SIGSTOP; resume lets it go on. A frozen
// process holds its connections and entries but does nothing.
func (p *proc) pause()  { p.signal(syscall.SIGSTOP) }
func (p *proc) resume() { p.signal(syscall.SIGCONT) }

func (p *proc) signal(sig syscall.Signal) {
	if p.alive() {
		_ = p.cmd.Process.Signal(sig)
	}
}

// stop sends SIGTERM and returns how long the process took to exit.
func (p *proc) stop(ctx context.Context) (time.Duration, error) {
	start := time.Now()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return time.Since(start), nil
	case <-ctx.Done():
		p.kill()
		return time.Since(start), fmt.Errorf("%s did not exit after SIGTERM", p.name)
	}
}

func (p *proc) url(path string) string { return "http://" + p.addr + path }

func tail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}
