package main

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// report follows the events of a go test -json run.
type report struct {
	w        io.Writer
	output   map[string][]string // test key -> its output lines
	passed   int
	failures []string
	skipped  map[string][]string // reason -> tests
	pkgFail  []string
}

func newReport(w io.Writer) *report {
	return &report{w: w, output: map[string][]string{}, skipped: map[string][]string{}}
}

func (r *report) read(in io.Reader) error { return decode(in, r.event) }

func key(e event) string { return e.Package + " " + e.Test }

func (r *report) event(e event) {
	switch {
	case e.Action == "output":
		r.output[key(e)] = append(r.output[key(e)], e.Output)
	case e.Test == "":
		r.packageDone(e)
	case e.Action == "pass":
		r.passed++
		delete(r.output, key(e))
	case e.Action == "fail":
		r.failures = append(r.failures, key(e))
		fmt.Fprintf(r.w, "--- FAIL %s\n%s", key(e), strings.Join(r.output[key(e)], ""))
	case e.Action == "skip":
		reason := skipReason(r.output[key(e)])
		r.skipped[reason] = append(r.skipped[reason], key(e))
		delete(r.output, key(e))
	}
}

func (r *report) packageDone(e event) {
	switch e.Action {
	case "pass":
		fmt.Fprintf(r.w, "ok    %s (%.1fs)\n", e.Package, e.Elapsed)
	case "fail":
		r.pkgFail = append(r.pkgFail, e.Package)
		fmt.Fprintf(r.w, "FAIL  %s (%.1fs)\n%s", e.Package, e.Elapsed, strings.Join(r.output[key(e)], ""))
	case "skip":
		fmt.Fprintf(r.w, "-     %s (no tests)\n", e.Package)
	}
}

// skipReason is the message a test skipped with, without its file:line.
func skipReason(lines []string) string {
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if i := strings.Index(l, "skipping: "); i >= 0 {
			return strings.TrimSpace(l[i+len("skipping: "):])
		}
	}
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "=== ") && !strings.HasPrefix(l, "--- ") {
			return fileLine.ReplaceAllString(l, "")
		}
	}
	return "no reason given"
}

var fileLine = regexp.MustCompile(`^[\w./-]+\.go:\d+: `)

func (r *report) failed() bool { return len(r.failures) > 0 || len(r.pkgFail) > 0 }

func (r *report) summary() {
	n := 0
	for _, tests := range r.skipped {
		n += len(tests)
	}
	fmt.Fprintf(r.w, "\n%d passed, %d failed, %d skipped\n", r.passed, len(r.failures), n)
	if n == 0 {
		return
	}
	reasons := make([]string, 0, len(r.skipped))
	for reason := range r.skipped {
		reasons = append(reasons, reason)
	}
	sort.Strings(reasons)
	servers := false
	for _, reason := range reasons {
		fmt.Fprintf(r.w, "\nskipped (%d): %s\n", len(r.skipped[reason]), reason)
		printByPackage(r.w, r.skipped[reason])
		servers = servers || strings.Contains(reason, "unreachable") || strings.Contains(reason, "embedded Redis")
	}
	if !servers {
		return
	}
	fmt.Fprint(r.w, "\nThe tests skipped for want of a server need PostgreSQL and/or Redis. To run them, start PostgreSQL"+
		" (127.0.0.1:5432, user postgres)\nand Redis (127.0.0.1:6379), or point STREAMSAGA_TEST_DATABASE_URL and"+
		" STREAMSAGA_TEST_REDIS_URL at yours,\nand run this again; with CI=1 a missing service fails instead of skipping.\n")
}

// printByPackage lists tests ("pkg Test") per package: the count and the
// top-level test names.
func printByPackage(w io.Writer, tests []string) {
	byPkg := map[string][]string{}
	seen := map[string]bool{}
	for _, t := range tests {
		pkg, name, _ := strings.Cut(t, " ")
		top, _, _ := strings.Cut(name, "/")
		if !seen[pkg+" "+top] {
			seen[pkg+" "+top] = true
			byPkg[pkg] = append(byPkg[pkg], top)
		}
	}
	pkgs := make([]string, 0, len(byPkg))
	for p := range byPkg {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		names := byPkg[p]
		shown := names
		if len(shown) > 4 {
			shown = append(shown[:4:4], fmt.Sprintf("and %d more", len(names)-4))
		}
		fmt.Fprintf(w, "  %s: %s\n", strings.TrimPrefix(p, "github.com/streamsaga/streamsaga/"), strings.Join(shown, ", "))
	}
}
