package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

func main() {
	args := testArgs(os.Args[1:])
	fmt.Fprintf(os.Stderr, "testall: go %s\n", strings.Join(args, " "))
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		fail(err)
	}
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	r := newReport(os.Stdout)
	if err := r.read(out); err != nil {
		fail(err)
	}
	waitErr := cmd.Wait()
	r.summary()
	if waitErr != nil || r.failed() {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "testall:", err)
	os.Exit(2)
}

// testArgs builds go test's arguments: -race when it can work here, the
// caller's arguments, and ./... unless packages were named.
func testArgs(extra []string) []string {
	args := []string{"test", "-json", "-count=1", "-timeout=20m"}
	if raceWorks() {
		args = append(args, "-race")
	} else {
		fmt.Fprintln(os.Stderr, "testall: no cgo or no C compiler here, so the race detector is off")
	}
	args = append(args, extra...)
	for _, a := range extra {
		if !strings.HasPrefix(a, "-") {
			return args
		}
	}
	return append(args, "./...")
}

// raceWorks reports whether cgo is enabled and its C compiler found.
func raceWorks() bool {
	env, err := exec.Command("go", "env", "CGO_ENABLED", "CC").Output()
	if err != nil {
		return false
	}
	lines := strings.Fields(string(env))
	if len(lines) < 2 || lines[0] != "1" {
		return false
	}
	_, err = exec.LookPath(lines[1])
	return err == nil
}

// event is one line of go test -json.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

func decode(in io.Reader, fn func(event)) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Println(sc.Text()) // not a test event: a build error, say
			continue
		}
		fn(e)
	}
	return sc.Err()
}
