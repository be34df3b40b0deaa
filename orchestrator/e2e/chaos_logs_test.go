package e2e

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// logLinesMentioning returns the last n lines that mention needle in the logs of
// every process, each prefixed with the process' name.
func logLinesMentioning(s *system, needle string, n int) string {
	var b strings.Builder
	for _, p := range s.procs() {
		lines := grepLines(p.log, needle)
		for _, l := range lines[max(0, len(lines)-n):] {
			fmt.Fprintf(&b, "  %s: %s\n", p.name, l)
		}
	}
	return b.String()
}

func grepLines(path, needle string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if strings.Contains(sc.Text(), needle) {
			out = append(out, sc.Text())
		}
	}
	return out
}

// keepChaosLogs copies every process' log to the directory named by
// STREAMSAGA_CHAOS_LOGS, if set, for a look after the test.
func keepChaosLogs(t *testing.T, s *system) {
	dir := os.Getenv("STREAMSAGA_CHAOS_LOGS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("keeping logs: %v", err)
		return
	}
	for _, p := range s.procs() {
		if err := copyLog(p.log, filepath.Join(dir, p.name+".log")); err != nil {
			t.Logf("keeping the log of %s: %v", p.name, err)
		}
	}
	t.Logf("service logs copied to %s", dir)
}

func copyLog(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
