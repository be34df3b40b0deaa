package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// system is one installation: a database, a Redis prefix and the three
// services, with one or more orchestrator processes (orch is the first).
type system struct {
	orch, inv, pay *proc
	orchs          []*proc
	// more are further processes of the services, started with the others.
	more []*proc
	rdb  *redis.Client
	// streams is the Redis of the installation's streams: rdb on a single
	// Redis, a cluster client on a Redis Cluster.
	streams redis.UniversalClient
	prefix  string
	dbURL   string
}

func startSystem(t *testing.T) *system {
	t.Helper()
	return startSystemWith(t, 1)
}

// startSystemWith starts an installation with n orchestrator processes
// sharing its database and stream prefix.
func startSystemWith(t *testing.T, n int) *system {
	t.Helper()
	dbURL := testenv.Database(t)
	rdb, prefix := testenv.Redis(t)
	env := []string{"DATABASE_URL=" + dbURL, "REDIS_URL=" + testenv.RedisURL(), "STREAM_PREFIX=" + prefix, "CLAIM_MIN_IDLE=2s"}
	s := &system{rdb: rdb, streams: rdb, prefix: prefix, dbURL: dbURL,
		inv: newProc(t, "inventory", env), pay: newProc(t, "payment", env)}
	for i := range n {
		o := newProc(t, "orchestrator", env)
		if n > 1 {
			o.name = fmt.Sprintf("orchestrator-%d", i+1)
		}
		s.orchs = append(s.orchs, o)
	}
	s.orch = s.orchs[0]
	for _, p := range s.procs() {
		p.start(t)
		t.Cleanup(p.kill)
	}
	t.Cleanup(func() {
		if t.Failed() {
			for _, p := range s.procs() {
				t.Logf("--- %s log ---\n%s", p.name, tail(p.log))
			}
		}
	})
	return s
}

// procs lists every process: the orchestrators, inventory, payment, then
// any further ones.
func (s *system) procs() []*proc {
	return append(append(append([]*proc{}, s.orchs...), s.inv, s.pay), s.more...)
}

// all lists every process of the service whose binary is bin.
func (s *system) all(bin string) []*proc {
	var out []*proc
	for _, p := range s.procs() {
		if p.bin == bin {
			out = append(out, p)
		}
	}
	return out
}

func call(t *testing.T, method, url string, body any, out any, headers ...string) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "%s %s", method, url)
	defer resp.Body.Close()
	if out != nil {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(out))
	}
	return resp.StatusCode
}

func (s *system) setStock(t *testing.T, sku string, available int64) {
	require.Equal(t, http.StatusOK, call(t, http.MethodPut, s.inv.url("/stock/"+sku), map[string]int64{"available": available}, nil))
}

func (s *system) setBalance(t *testing.T, customer string, cents int64) {
	require.Equal(t, http.StatusOK, call(t, http.MethodPut, s.pay.url("/accounts/"+customer), map[string]int64{"balance_cents": cents}, nil))
}

type stock struct {
	SKU       string `json:"sku"`
	Available int64  `json:"available"`
	Reserved  int64  `json:"reserved"`
}

func (s *system) stock(t *testing.T, sku string) stock {
	var st stock
	require.Equal(t, http.StatusOK, call(t, http.MethodGet, s.inv.url("/stock/"+sku), nil, &st))
	return st
}

func (s *system) balance(t *testing.T, customer string) int64 {
	var acc struct {
		BalanceCents int64 `json:"balance_cents"`
	}
	require.Equal(t, http.StatusOK, call(t, http.MethodGet, s.pay.url("/accounts/"+customer), nil, &acc))
	return acc.BalanceCents
}

type item struct {
	SKU            string `json:"sku"`
	Quantity       int64  `json:"quantity"`
	UnitPriceCents int64  `json:"unit_price_cents"`
}

type placed struct {
	OrderID string `json:"order_id"`
	SagaID  string `json:"saga_id"`
	Status  string `json:"status"`
}

func (s *system) place(t *testing.T, customer string, items ...item) placed {
	var p placed
	status := call(t, http.MethodPost, s.orch.url("/orders"), map[string]any{"customer_id": customer, "items": items}, &p)
	require.Equal(t, http.StatusAccepted, status)
	return p
}

type order struct {
	OrderID    string `json:"order_id"`
	CustomerID string `json:"customer_id"`
	Status     string `json:"status"`
	TotalCents int64  `json:"total_cents"`
	SagaID     string `json:"saga_id"`
	Reason     string `json:"reason"`
}

type sagaView struct {
	SagaID      string  `json:"saga_id"`
	State       string  `json:"state"`
	CompletedAt *string `json:"completed_at"`
	Steps       []struct {
		Name     string `json:"name"`
		State    string `json:"state"`
		Attempts int    `json:"attempts"`
	} `json:"steps"`
	History []struct {
		Kind        string `json:"kind"`
		MessageType string `json:"message_type"`
	} `json:"history"`
}

// settle waits until the order is APPROVED or REJECTED and returns it with
// its saga.
func (s *system) settle(t *testing.T, orderID string, within time.Duration) (order, sagaView) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	var o order
	for {
		require.Equal(t, http.StatusOK, call(t, http.MethodGet, s.orch.url("/orders/"+orderID), nil, &o))
		if o.Status != "PENDING" {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("order %s still PENDING after %s", orderID, within)
		case <-time.After(20 * time.Millisecond):
		}
	}
	var sv sagaView
	require.Equal(t, http.StatusOK, call(t, http.MethodGet, s.orch.url("/sagas/"+o.SagaID), nil, &sv))
	return o, sv
}

func (s *system) String() string { return fmt.Sprintf("system(%s)", s.prefix) }
