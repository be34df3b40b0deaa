package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

// Main runs the operator command line: args are the arguments after the
// binary's name (["sagas", "list", "--state", "FAILED"]). It reads
// ORCHESTRATOR_URL, API_TOKEN and USER from the environment and returns the
// exit code: 0 done, 1 a request failed, 2 a usage error.
func Main(args []string, stdout, stderr io.Writer) int {
	return Run(context.Background(), args, os.Getenv, stdout, stderr)
}

// Run is Main with the context and the environment (getenv) passed in.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	s := &session{globals: defaultGlobals(getenv), getenv: getenv, stdout: stdout, stderr: stderr}
	cmd, err := s.dispatch(ctx, args)
	return s.exit(cmd, err)
}

// dispatch finds the command in args, leaving the global flags around its
// words to the flag sets, and runs it. It returns the command found, if
// any, for the usage text of an error.
func (s *session) dispatch(ctx context.Context, args []string) (*command, error) {
	group, rest, err := leadingFlags(s.globalFlags("orchestrator"), args)
	if err != nil {
		return nil, err
	}
	switch {
	case group == "":
		return nil, usagef("missing command")
	case group == "help":
		return nil, flag.ErrHelp
	case !inGroup(group):
		return nil, usagef("unknown command %q", group)
	}
	name, rest, err := leadingFlags(s.globalFlags("orchestrator "+group), rest)
	if err != nil {
		return nil, err
	}
	c, ok := find(group, name)
	switch {
	case name == "":
		return nil, usagef("missing a command after %q: one of %s", group, strings.Join(names(group), ", "))
	case name == "help":
		return nil, flag.ErrHelp
	case !ok:
		return nil, usagef("unknown command %q", group+" "+name)
	}
	return &c, s.run(ctx, c, rest)
}

// globalFlags returns a flag set of the global flags alone.
func (s *session) globalFlags(name string) *flag.FlagSet {
	fs := newFlagSet(name)
	s.globals.register(fs)
	return fs
}

// run parses the command's flags and arguments, builds the API client and
// runs the command.
func (s *session) run(ctx context.Context, c command, args []string) error {
	fs := newFlagSet("orchestrator " + c.path())
	runCmd := c.setup(fs)
	s.globals.register(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if c.offline {
		return runCmd(ctx, s, pos)
	}
	base, err := s.check()
	if err != nil {
		return err
	}
	s.api = &client{base: base, token: s.getenv("API_TOKEN"), timeout: s.timeout, http: &http.Client{}}
	return runCmd(ctx, s, pos)
}

// exit reports err and returns the exit code: help goes to stdout (0), a
// usage error to stderr with the usage text (2), any other error to stderr
// in one line (1), unless the command printed it already.
func (s *session) exit(c *command, err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errReported):
		return 1
	case errors.Is(err, flag.ErrHelp):
		writeUsage(s.stdout, c)
		return 0
	case isUsage(err):
		prog := "orchestrator"
		if c != nil {
			prog += " " + c.path()
		}
		fmt.Fprintf(s.stderr, "%s: %s\n\n", prog, oneLine(err))
		writeUsage(s.stderr, c)
		return 2
	default:
		fmt.Fprintln(s.stderr, "orchestrator:", oneLine(err))
		return 1
	}
}
