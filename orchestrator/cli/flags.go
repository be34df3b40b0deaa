package cli

import (
	"errors"
	"flag"
	"io"
	"net/url"
	"strings"
	"time"
)

// Defaults of the global flags.
const (
	DefaultURL     = "http://127.0.0.1:8080"
	DefaultTimeout = 10 * time.Second
)

// globals are the flags every command takes.
type globals struct {
	url     string
	json    bool
	timeout time.Duration
}

// defaultGlobals reads the defaults from the environment.
func defaultGlobals(getenv func(string) string) globals {
	g := globals{url: DefaultURL, timeout: DefaultTimeout}
	if v := strings.TrimSpace(getenv("ORCHESTRATOR_URL")); v != "" {
		g.url = v
	}
	return g
}

// register adds the global flags to fs, bound to g (their defaults are g's
// current values, so flags given earlier on the line stay in force).
func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.url, "url", g.url, "orchestrator base URL (ORCHESTRATOR_URL sets the default)")
	fs.BoolVar(&g.json, "json", g.json, "print the API's JSON as it came, for scripts")
	fs.DurationVar(&g.timeout, "timeout", g.timeout, "timeout of each request")
}

// check validates the global flags and returns the parsed base URL.
func (g *globals) check() (*url.URL, error) {
	if g.timeout <= 0 {
		return nil, usagef("--timeout must be positive, got %s", g.timeout)
	}
	u, err := url.Parse(g.url)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usagef("--url %q is not an orchestrator URL such as %s", g.url, DefaultURL)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, usagef("--url %q must not have a query or fragment", g.url)
	}
	return u, nil
}

// newFlagSet returns a silent flag set named name: parse errors and -h come
// back as errors, printed by the caller with the right usage.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args with fs, flags and positional arguments in any
// order ("--" ends the flags), and returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{msg: err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// leadingFlags parses the flags of fs at the start of args, up to the first
// word, and returns that word and what follows ("" when there is none).
func leadingFlags(fs *flag.FlagSet, args []string) (string, []string, error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", nil, err
		}
		return "", nil, &usageError{msg: err.Error()}
	}
	if fs.NArg() == 0 {
		return "", nil, nil
	}
	return fs.Arg(0), fs.Args()[1:], nil
}

// noArgs is a usage error when a command that takes no arguments got some.
func noArgs(pos []string) error {
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return nil
}

// exactArgs is a usage error unless pos holds exactly the named arguments.
func exactArgs(pos []string, names ...string) error {
	if len(pos) < len(names) {
		return usagef("missing %s", strings.Join(names[len(pos):], " and "))
	}
	if len(pos) > len(names) {
		return usagef("unexpected argument %q", pos[len(names)])
	}
	for i, p := range pos {
		if strings.TrimSpace(p) == "" {
			return usagef("%s is empty", names[i])
		}
	}
	return nil
}

// positive is a usage error unless n, the value of flag name, is above 0.
func positive(name string, n int) error {
	if n < 1 {
		return usagef("--%s must be at least 1, got %d", name, n)
	}
	return nil
}

// flagList formats the defaults of fs for a usage text.
func flagList(fs *flag.FlagSet) string {
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	return b.String()
}
