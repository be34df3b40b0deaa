package httpx

import (
	"net"
	"net/http"
	"strings"
)

// AnyHost in a list of allowed hosts lets every Host header through.
const AnyHost = "*"

// LoopbackHosts are the names a server answers by default, with the host
// of its own address.
var LoopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// DefaultHosts are the hosts a server on addr answers when it is given
// none: LoopbackHosts and the host part of addr, if any.
func DefaultHosts(addr string) []string {
	hosts := append([]string(nil), LoopbackHosts...)
	if h := HostName(addr); h != "" {
		hosts = append(hosts, h)
	}
	return hosts
}

// HostName is the host of a Host header or an address, without port,
// brackets or trailing dot, in lower case.
func HostName(hostport string) string {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.ToLower(strings.TrimSuffix(h, "."))
}

// AllowHosts answers only requests whose Host header names one of hosts
// (compared without port; AnyHost allows all), so that a web page whose
// name was rebound to this machine's address cannot reach the API. The
// open paths, /healthz and /metrics, answer any Host: probes and scrapers
// often name a server by an address of its own.
func AllowHosts(hosts []string) func(http.Handler) http.Handler {
	allowed := map[string]bool{}
	for _, h := range hosts {
		allowed[HostName(strings.TrimSpace(h))] = true
	}
	return func(next http.Handler) http.Handler {
		if allowed[AnyHost] {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !allowed[HostName(r.Host)] && !openPaths[r.URL.Path] {
				WriteError(w, http.StatusBadRequest, "host "+quote(r.Host)+" is not served here (see ALLOWED_HOSTS)")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// SameOrigin refuses a request with an unsafe method (anything but GET,
// HEAD and OPTIONS) that a browser sent from another site, as its Origin or
// Sec-Fetch-Site header says: a web page may send such a request to any
// address without asking. Requests without those headers (programs, the
// command line) pass.
func SameOrigin(next http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		WriteError(w, http.StatusForbidden, "cross-origin request refused: send it from a page of this server or without an Origin header")
	}))
	return p.Handler(next)
}

func quote(s string) string {
	if len(s) > 100 {
		s = s[:100]
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}
