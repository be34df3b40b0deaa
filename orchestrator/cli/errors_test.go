package cli_test

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/cli"
)

// closedURL is the URL of a loopback port nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return "http://" + addr
}

func TestUnreachableServer(t *testing.T) {
	url := closedURL(t)
	for _, args := range [][]string{
		{"sagas", "list", "--url", url},
		{"sagas", "show", "x", "--url", url},
		{"--url", url, "sagas", "retry", "x"},
		{"dlq", "list", "--json"},
		{"dlq", "replay", "orders.events", "1-0"},
	} {
		r := runCLI(t, map[string]string{"ORCHESTRATOR_URL": url}, args...)
		require.Equal(t, 1, r.code, "%v", args)
		require.Empty(t, r.stdout, "%v", args)
		require.Regexp(t, `^orchestrator: (GET|POST) /\S+: cannot reach the orchestrator at `+url+`: .*refused\n$`, r.stderr, "%v", args)
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers
	}))
	t.Cleanup(srv.Close)
	r := runCLI(t, nil, "sagas", "list", "--url", srv.URL, "--timeout", "200ms")
	require.Equal(t, 1, r.code)
	require.Equal(t, "orchestrator: GET /sagas: no answer from "+srv.URL+" within 200ms (--timeout sets the limit)\n", r.stderr)
}

func TestAnswerThatIsNotJSON(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html>\n<h1>502 Bad Gateway</h1>\n</html>\n"))
	}))
	t.Cleanup(srv.Close)
	r := runCLI(t, nil, "sagas", "list", "--url", srv.URL)
	require.Equal(t, 1, r.code)
	require.Equal(t, "orchestrator: GET /sagas: 502 Bad Gateway: <html> <h1>502 Bad Gateway</h1> </html>\n", r.stderr)
}

func TestBadListQueryShowsTheAPIError(t *testing.T) {
	f := newFixture(t, options{})
	r := f.cli(t, "sagas", "list", "--state", "DONE")
	require.Equal(t, 1, r.code)
	require.Equal(t, "orchestrator: GET /sagas: 400 Bad Request: state must be one of RUNNING, COMPENSATING, "+
		"COMPLETED, COMPENSATED, FAILED\n", r.stderr)
	r = f.cli(t, "sagas", "list", "--limit", "501")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "400 Bad Request: limit must be a whole number from 1 to 500")
}

func TestBearerToken(t *testing.T) {
	f := newFixture(t, options{token: "s3cret"})
	o := f.completedSaga(t)
	f.env["API_TOKEN"] = "s3cret"
	require.Contains(t, f.cli(t, "sagas", "list").ok(t).stdout, o.sagaID)
	require.Contains(t, f.cli(t, "sagas", "show", o.id).ok(t).stdout, o.sagaID, "both requests of show by order id")
	require.NotEmpty(t, f.authHeaders())
	for _, h := range f.authHeaders() {
		require.Equal(t, "Bearer s3cret", h)
	}

	f.env["API_TOKEN"] = "wrong"
	r := f.cli(t, "sagas", "list")
	require.Equal(t, 1, r.code)
	require.Equal(t, "orchestrator: GET /sagas: 401 Unauthorized: missing or wrong bearer token "+
		"(API_TOKEN is not the server's token)\n", r.stderr)
	delete(f.env, "API_TOKEN")
	r = f.cli(t, "sagas", "list")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "401 Unauthorized: missing or wrong bearer token (set API_TOKEN to the server's token)")
	require.Equal(t, "", f.authHeaders()[len(f.authHeaders())-1], "no header without a token")
}

// TestMainReadsTheEnvironment runs Main, which the binary calls: the URL
// and the token come from ORCHESTRATOR_URL and API_TOKEN.
func TestMainReadsTheEnvironment(t *testing.T) {
	f := newFixture(t, options{token: "from-env"})
	o := f.startSaga(t, "alice")
	t.Setenv("ORCHESTRATOR_URL", f.srv.URL)
	t.Setenv("API_TOKEN", "from-env")
	var out, errOut bytes.Buffer
	require.Equal(t, 0, cli.Main([]string{"sagas", "list"}, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), o.sagaID)
	require.Equal(t, "Bearer from-env", f.authHeaders()[0])
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"bogus"},
		{"sagas"},
		{"sagas", "frob"},
		{"dlq", "show"},
		{"sagas", "list", "extra"},
		{"sagas", "list", "--limit", "0"},
		{"sagas", "list", "--limit", "x"},
		{"sagas", "list", "--nope"},
		{"sagas", "show"},
		{"sagas", "show", "a", "b"},
		{"sagas", "show", " "},
		{"sagas", "retry"},
		{"dlq", "list", "--limit", "-1"},
		{"dlq", "replay", "inventory.commands"},
		{"sagas", "list", "--url", "127.0.0.1:8080"},
		{"sagas", "list", "--url", "ftp://host"},
		{"sagas", "list", "--timeout", "0s"},
		{"--url"},
	} {
		r := runCLI(t, nil, args...)
		require.Equal(t, 2, r.code, "%q", args)
		require.Empty(t, r.stdout, "%q", args)
		first, rest, _ := strings.Cut(r.stderr, "\n")
		require.Regexp(t, `^orchestrator( \w+ \w+)?: \S`, first, "%q", args)
		require.Contains(t, rest, "usage: orchestrator", "%q", args)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"sagas", "help"}, {"dlq", "--help"}} {
		r := runCLI(t, nil, args...)
		require.Equal(t, 0, r.code, "%q", args)
		require.Empty(t, r.stderr)
		for _, c := range []string{"sagas list", "sagas show", "sagas retry", "dlq list", "dlq replay", "--url", "--json", "--timeout"} {
			require.Contains(t, r.stdout, c, "%q", args)
		}
	}
	r := runCLI(t, nil, "sagas", "list", "-h")
	require.Equal(t, 0, r.code)
	require.Contains(t, r.stdout, "usage: orchestrator sagas list [--state S] [--limit N] [--all]")
	require.Contains(t, r.stdout, "-state")
	require.NotContains(t, r.stdout, "dlq replay")
}
