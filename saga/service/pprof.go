package service

import (
	"net"
	"net/http"
	"net/http/pprof"
	"os"

	"github.com/sirupsen/logrus"
)

// StartPprof serves Go's profiling endpoints (/debug/pprof/) on PPROF_ADDR
// when that variable is set, on a listener of its own so the API's token
// and routes are not involved. Keep it on a loopback address.
func StartPprof(log *logrus.Entry) {
	addr := os.Getenv("PPROF_ADDR")
	if addr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.WithError(err).Warn("PPROF_ADDR: cannot listen; profiling off")
		return
	}
	log.WithField("addr", ln.Addr().String()).Info("profiling endpoints listening")
	go func() { _ = http.Serve(ln, mux) }()
}
