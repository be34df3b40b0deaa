package sagahttp_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderenv"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/internal/sagahttp"
)

// resumer resumes nothing and remembers who asked.
type resumer struct{ who string }

func (r *resumer) Resume(_ context.Context, _, who string) (*saga.Instance, error) {
	r.who = who
	return nil, saga.ErrNotFound
}

func TestTextNoColumnCanHoldIs400NamingTheField(t *testing.T) {
	f := newFixture(t)
	for body, field := range map[string]string{
		`{"customer_id": "c\u0000", "items": [{"sku": "A", "quantity": 1, "unit_price_cents": 1}]}`: "customer_id",
		`{"customer_id": "c", "items": [{"sku": "A\u0000", "quantity": 1, "unit_price_cents": 1}]}`: "items[0].sku",
	} {
		status, resp, _ := f.do(t, http.MethodPost, "/orders", body)
		require.Equal(t, http.StatusBadRequest, status, body)
		require.Contains(t, resp["error"], field)
	}
	status, resp, _ := f.do(t, http.MethodPost, "/orders", goodOrder, "Idempotency-Key", "k\xff")
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, resp["error"], "Idempotency-Key")
	require.Equal(t, 0, f.count(t, "orders"))
	require.Equal(t, 0, f.count(t, "outbox"))
}

func TestPathIDsInAnotherUUIDFormAre400(t *testing.T) {
	f := newFixture(t)
	const id = "7d1c8a5e-0000-4000-8000-000000000000"
	for _, path := range []string{"/orders/urn:uuid:" + id, "/sagas/urn:uuid:" + id, "/orders/{" + id + "}",
		"/orders/7d1c8a5e000040008000000000000000", "/orders/a%00b", "/sagas/a%FFb"} {
		status, body, _ := f.do(t, http.MethodGet, path, "")
		require.Equal(t, http.StatusBadRequest, status, path)
		require.Contains(t, body["error"], "id", path)
	}
}

func TestRetryRefusesAnOperatorNameNoColumnCanHold(t *testing.T) {
	_, st, orderStore := orderenv.Open(t)
	log := logrus.New()
	log.SetOutput(io.Discard)
	res := &resumer{}
	srv := httptest.NewServer(withOrders(st, orderStore, sagahttp.New(st, logrus.NewEntry(log)).WithResumer(res)))
	t.Cleanup(srv.Close)
	f := &fixture{srv: srv}
	path := "/sagas/7d1c8a5e-0000-4000-8000-000000000000/retry"
	status, body, _ := f.do(t, http.MethodPost, path, "", "X-Operator", "ann\xff")
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body["error"], "X-Operator")
	require.Empty(t, res.who, "nothing resumed")
	status, _, _ = f.do(t, http.MethodPost, path, "", "X-Operator", "ann")
	require.Equal(t, http.StatusNotFound, status)
	require.Equal(t, "ann", res.who)
}
