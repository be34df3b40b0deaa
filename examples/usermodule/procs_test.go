package usermodule_test

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// proc is one of the user's processes.
type proc struct {
	name, addr, log string
	cmd             *exec.Cmd
	done            chan struct{}
	err             error
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

// startProc runs bin/name with env on a free loopback address, its output
// in a log file shown when the test fails, and waits for its /healthz.
func startProc(t *testing.T, bin, name string, env []string) *proc {
	p := &proc{name: name, addr: freeAddr(t), log: filepath.Join(t.TempDir(), name+".log"), done: make(chan struct{})}
	logf, err := os.Create(p.log)
	require.NoError(t, err)
	p.cmd = exec.Command(filepath.Join(bin, name))
	p.cmd.Env = append(append(os.Environ(), env...), "HTTP_ADDR="+p.addr, "API_TOKEN=", "LOG_LEVEL=info")
	p.cmd.Stdout, p.cmd.Stderr = logf, logf
	require.NoError(t, p.cmd.Start())
	go func() {
		p.err = p.cmd.Wait()
		_ = logf.Close()
		close(p.done)
	}()
	t.Cleanup(func() { p.kill(t) })
	waitFor(t, name+" /healthz answering 200", 60*time.Second, func() bool {
		select {
		case <-p.done:
			t.Fatalf("%s exited while starting: %v\n%s", name, p.err, p.output())
		default:
		}
		status, _ := get(t, "http://"+p.addr+"/healthz")
		return status == http.StatusOK
	})
	return p
}

func (p *proc) output() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

// stop sends SIGTERM and requires the process to exit 0 in time.
func (p *proc) stop(t *testing.T) {
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not exit within 30s of SIGTERM\n%s", p.name, p.output())
	}
	require.NoError(t, p.err, "%s exits 0 on SIGTERM\n%s", p.name, p.output())
}

// kill ends a process the test left running, and shows its log when the
// test failed.
func (p *proc) kill(t *testing.T) {
	select {
	case <-p.done:
	default:
		_ = p.cmd.Process.Kill()
		<-p.done
	}
	if t.Failed() {
		t.Logf("log of %s:\n%s", p.name, p.output())
	}
}

// waitFor polls cond until it holds or timeout passes.
func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
