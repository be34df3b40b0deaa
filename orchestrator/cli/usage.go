package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Usage writes the operator commands and their global flags, for the
// binary's own help text.
func Usage(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  orchestrator %s\t%s\n", c.synopsis(), c.about)
	}
	_ = tw.Flush()
	fmt.Fprint(w, `
Global flags of these commands, anywhere after "sagas", "dlq" or "definitions"
(--url and --timeout matter only to those that call the API):
  --url URL     orchestrator base URL (default $ORCHESTRATOR_URL, else `+DefaultURL+`)
  --json        print the API's JSON as it came, for scripts
  --timeout D   timeout of each request (default `+DefaultTimeout.String()+`)
API_TOKEN, when set, is sent as "Authorization: Bearer <token>". Times are UTC.
Exit codes: 0 done, 1 the request failed (or a definition file is wrong), 2 usage error.
`)
}

// writeUsage writes the usage of c, or of every command when c is nil.
func writeUsage(w io.Writer, c *command) {
	if c == nil {
		fmt.Fprintf(w, "usage: orchestrator {%s} <command> [flags]\n\n", strings.Join(Groups, "|"))
		Usage(w)
		fmt.Fprintln(w, `"orchestrator <command> -h" shows a command's own flags.`)
		return
	}
	if c.offline {
		fmt.Fprintf(w, "usage: orchestrator %s [--json]\n\n%s.\n", c.synopsis(), c.about)
		fmt.Fprintln(w, "\nFlags:\n  --json   print the result as JSON, for scripts")
		return
	}
	fmt.Fprintf(w, "usage: orchestrator %s [--url URL] [--json] [--timeout D]\n\n%s.\n", c.synopsis(), c.about)
	own := newFlagSet(c.path())
	c.setup(own)
	if list := flagList(own); list != "" {
		fmt.Fprintf(w, "\nFlags:\n%s", list)
	}
	global := newFlagSet(c.path())
	g := globals{url: DefaultURL, timeout: DefaultTimeout}
	g.register(global)
	fmt.Fprintf(w, "\nGlobal flags:\n%s", flagList(global))
	fmt.Fprintln(w, "API_TOKEN, when set, is sent as a bearer token.")
}
