package dev_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/dev"
	"github.com/streamsaga/streamsaga/saga/config"
)

// signalWriter closes written at the first write: the banner, printed once
// the demo data is in place.
type signalWriter struct {
	once    sync.Once
	written chan struct{}
	mu      sync.Mutex
	text    []byte
}

func (w *signalWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.text = append(w.text, p...)
	w.mu.Unlock()
	w.once.Do(func() { close(w.written) })
	return len(p), nil
}

func (w *signalWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return string(w.text)
}

func statusWithToken(t *testing.T, url, token string) int {
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func TestDevModeSeedsTheDemoDataWithAToken(t *testing.T) {
	o := options(t, t.TempDir())
	banner := &signalWriter{written: make(chan struct{})}
	o.Out = banner
	cfg, err := config.Load(o.OrchestratorAddr)
	require.NoError(t, err)
	cfg.LogLevel, cfg.APIToken = logrus.ErrorLevel, "s3cret"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- dev.Run(ctx, o, cfg) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	select {
	case <-banner.written:
	case err := <-done:
		t.Fatalf("dev mode stopped at start: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("no banner within 30s")
	}
	for _, url := range []string{"http://" + o.InventoryAddr + "/stock/gadget", "http://" + o.PaymentAddr + "/accounts/bob"} {
		require.Equal(t, http.StatusOK, statusWithToken(t, url, "s3cret"), url)
	}
	require.Contains(t, banner.String(), `-H "Authorization: Bearer $API_TOKEN"`, "the banner's curls send the token")
	require.NotContains(t, banner.String(), "s3cret", "the banner never prints the token")
}
