package loadgen

import (
	"fmt"
	"io"
	"sync"
)

// console writes progress and warning lines to one writer, a line at a
// time, from any goroutine.
type console struct {
	mu   sync.Mutex
	out  io.Writer
	seen map[string]bool
}

func newConsole(out io.Writer) *console { return &console{out: out, seen: map[string]bool{}} }

// line writes s as a line.
func (c *console) line(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintln(c.out, s)
}

// printf writes a warning line.
func (c *console) printf(format string, args ...any) {
	c.line(fmt.Sprintf("loadgen: "+format, args...))
}

// once writes a warning line only the first time key comes up.
func (c *console) once(key, format string, args ...any) {
	c.mu.Lock()
	first := !c.seen[key]
	c.seen[key] = true
	c.mu.Unlock()
	if first {
		c.printf(format, args...)
	}
}
