package dev_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/dev"
	"github.com/streamsaga/streamsaga/saga/config"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

func options(t *testing.T, dir string) dev.Options {
	return dev.Options{DataDir: dir, OrchestratorAddr: freeAddr(t), InventoryAddr: freeAddr(t),
		PaymentAddr: freeAddr(t), Seed: true, Out: io.Discard}
}

// start runs dev mode until the returned stop is called; stop returns Run's
// error.
func start(t *testing.T, o dev.Options) (stop func() error) {
	t.Helper()
	cfg, err := config.Load(o.OrchestratorAddr)
	require.NoError(t, err)
	cfg.LogLevel = logrus.ErrorLevel
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- dev.Run(ctx, o, cfg) }()
	for _, addr := range []string{o.OrchestratorAddr, o.InventoryAddr, o.PaymentAddr} {
		waitFor(t, "http://"+addr+"/healthz", done)
	}
	waitFor(t, "http://"+o.InventoryAddr+"/stock/gadget", done) // seeded, last SKU
	waitFor(t, "http://"+o.PaymentAddr+"/accounts/bob", done)   // seeded, last account
	if o.Examples {
		waitFor(t, "http://"+o.PaymentAddr+"/accounts/carol", done) // the trip's traveller
	}
	return func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(20 * time.Second):
			t.Fatal("dev mode did not stop within 20s")
			return nil
		}
	}
}

// waitFor waits until url answers 200 (the demo data is in place).
func waitFor(t *testing.T, url string, done <-chan error) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("dev mode stopped at start: %v", err)
		default:
		}
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not answer within 20s", url)
}

func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, url)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(out))
}

// placeAndSettle places an order of two widgets for alice and waits for
// its saga to end, returning the saga's state.
func placeAndSettle(t *testing.T, o dev.Options) string {
	t.Helper()
	body := `{"customer_id":"alice","items":[{"sku":"widget","quantity":2,"unit_price_cents":1250}]}`
	resp, err := http.Post("http://"+o.OrchestratorAddr+"/orders", "application/json", strings.NewReader(body))
	require.NoError(t, err)
	var placed struct {
		SagaID string `json:"saga_id"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&placed))
	resp.Body.Close()
	require.Equal(t, http.StatusAccepted, resp.StatusCode)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var s struct {
			State string `json:"state"`
		}
		if r, err := http.Get("http://" + o.OrchestratorAddr + "/sagas/" + placed.SagaID); err == nil {
			_ = json.NewDecoder(r.Body).Decode(&s)
			r.Body.Close()
		}
		if s.State == "COMPLETED" || s.State == "COMPENSATED" || s.State == "FAILED" {
			return s.State
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the saga did not end within 20s")
	return ""
}

type stock struct {
	Available int64 `json:"available"`
	Reserved  int64 `json:"reserved"`
}

// TestDevModeRunsKeepsStateAndResets: an order reaches COMPLETED, the stock
// and money stay after a restart on the same data directory, and --reset
// starts from the demo data again. Each run stops cleanly on cancel.
func TestDevModeRunsKeepsStateAndResets(t *testing.T) {
	o := options(t, t.TempDir())
	stop := start(t, o)
	require.Equal(t, "COMPLETED", placeAndSettle(t, o))
	require.NoError(t, stop())

	o2 := options(t, o.DataDir)
	stop = start(t, o2)
	var s stock
	getJSON(t, "http://"+o2.InventoryAddr+"/stock/widget", &s)
	require.Equal(t, stock{Available: 98, Reserved: 2}, s, "state survived the restart")
	var a struct {
		Balance int64 `json:"balance_cents"`
	}
	getJSON(t, "http://"+o2.PaymentAddr+"/accounts/alice", &a)
	require.Equal(t, int64(50_000-2_500), a.Balance)
	require.NoError(t, stop())

	o3 := options(t, o.DataDir)
	o3.Reset = true
	stop = start(t, o3)
	getJSON(t, "http://"+o3.InventoryAddr+"/stock/widget", &s)
	require.Equal(t, stock{Available: 100}, s, "reset starts from the demo data")
	require.NoError(t, stop())
}

// TestDevModeBannerSaysWhatToCurl checks the banner names the addresses
// and a curl that places an order.
func TestDevModeBannerSaysWhatToCurl(t *testing.T) {
	o := options(t, t.TempDir())
	var out bytes.Buffer
	o.Out = &out
	stop := start(t, o)
	require.NoError(t, stop())
	for _, want := range []string{o.OrchestratorAddr, o.InventoryAddr, o.PaymentAddr, "embedded at 127.0.0.1:",
		"curl -s -X POST http://" + o.OrchestratorAddr + "/orders", "/sagas/<saga_id>"} {
		require.Contains(t, out.String(), want)
	}
}

// A port in use makes Run fail with the reason, not hang.
func TestDevModeFailsOnABusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	o := options(t, t.TempDir())
	o.InventoryAddr = ln.Addr().String()
	cfg, err := config.Load(o.OrchestratorAddr)
	require.NoError(t, err)
	cfg.LogLevel = logrus.ErrorLevel
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = dev.Run(ctx, o, cfg)
	require.Error(t, err)
	require.Contains(t, err.Error(), "inventory")
}

func TestParseArgs(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	t.Setenv("REDIS_URL", "redis://example:6379/0")
	o, err := dev.ParseArgs([]string{"--reset", "--data", "d", "--addr", "127.0.0.1:9"}, io.Discard)
	require.NoError(t, err)
	require.True(t, o.Reset)
	require.Equal(t, "d", o.DataDir)
	require.Equal(t, "127.0.0.1:9", o.OrchestratorAddr)
	require.Equal(t, "127.0.0.1:8081", o.InventoryAddr)
	require.Empty(t, o.DatabaseURL)
	require.Equal(t, "redis://example:6379/0", o.RedisURL)
	require.True(t, o.Examples, "the trip example runs by default")
	require.Equal(t, []string{"127.0.0.1:8083", "127.0.0.1:8084", "127.0.0.1:8085"}, []string{o.FlightsAddr, o.HotelsAddr, o.CarsAddr})
	o, err = dev.ParseArgs([]string{"--examples=false", "--hotels-addr", "127.0.0.1:9"}, io.Discard)
	require.NoError(t, err)
	require.False(t, o.Examples)
	require.Equal(t, "127.0.0.1:9", o.HotelsAddr)
	_, err = dev.ParseArgs([]string{"extra"}, io.Discard)
	require.ErrorContains(t, err, "unexpected argument")
	_, err = dev.ParseArgs([]string{"--data", ""}, io.Discard)
	require.Error(t, err)
}
