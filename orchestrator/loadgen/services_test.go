package loadgen

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// fakeAPI answers like the three services and records what it was asked.
type fakeAPI struct {
	mu       sync.Mutex
	requests []string
	auth     []string
	orders   []placeRequest
	status   int
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	if f.status != 0 {
		http.Error(w, `{"error": "busy"}`, f.status)
		return
	}
	if r.Method == http.MethodPost {
		var o placeRequest
		_ = json.NewDecoder(r.Body).Decode(&o)
		f.orders = append(f.orders, o)
		w.WriteHeader(http.StatusAccepted)
		_, _ = w.Write([]byte(`{"order_id": "o1", "saga_id": "s1", "status": "PENDING"}`))
		return
	}
	_, _ = w.Write([]byte(`{"state": "COMPLETED", "completed_at": "2026-11-25T10:00:00.123456Z"}`))
}

func newFakeServices(t *testing.T, api *fakeAPI, token string) *services {
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return newServices(Config{OrchestratorURL: srv.URL + "/", InventoryURL: srv.URL, PaymentURL: srv.URL,
		APIToken: token, Clients: 2, RequestTimeout: DefaultRequestTimeout})
}

func TestPlaceOrderSendsTheOrderWithTheToken(t *testing.T) {
	api := &fakeAPI{}
	svc := newFakeServices(t, api, "secret")
	req := plan{runID: "lg-x", skus: 1, customers: 1}.order(0)
	p, status, err := svc.placeOrder(t.Context(), req)
	require.NoError(t, err)
	require.Equal(t, http.StatusAccepted, status)
	require.Equal(t, placed{OrderID: "o1", SagaID: "s1"}, p)
	require.Equal(t, []string{"POST /orders"}, api.requests)
	require.Equal(t, []string{"Bearer secret"}, api.auth)
	require.Equal(t, []placeRequest{req}, api.orders)
}

func TestFailedRequestsKeepTheirStatus(t *testing.T) {
	api := &fakeAPI{status: http.StatusServiceUnavailable}
	svc := newFakeServices(t, api, "")
	_, status, err := svc.placeOrder(t.Context(), placeRequest{})
	require.Equal(t, http.StatusServiceUnavailable, status)
	var se *statusError
	require.True(t, errors.As(err, &se))
	require.Equal(t, "", api.auth[0], "no token, no header")

	down := newServices(Config{OrchestratorURL: "http://127.0.0.1:1", RequestTimeout: DefaultRequestTimeout})
	_, status, err = down.placeOrder(t.Context(), placeRequest{})
	require.Error(t, err)
	require.Zero(t, status, "no answer")
}

func TestSetUpGivesEveryNameStockOrMoney(t *testing.T) {
	api := &fakeAPI{}
	svc := newFakeServices(t, api, "")
	require.NoError(t, svc.setUp(t.Context(), plan{runID: "lg-x", skus: 2, customers: 3}))
	require.ElementsMatch(t, []string{"PUT /stock/lg-x-sku-000", "PUT /stock/lg-x-sku-001",
		"PUT /accounts/lg-x-c-000", "PUT /accounts/lg-x-c-001", "PUT /accounts/lg-x-c-002"}, api.requests)

	api.status = http.StatusInternalServerError
	err := svc.setUp(t.Context(), plan{runID: "lg-x", skus: 2, customers: 3})
	require.ErrorContains(t, err, "5 of 5 requests failed")
}

func TestPollerFinishesEndedSagas(t *testing.T) {
	api := &fakeAPI{}
	svc := newFakeServices(t, api, "")
	rec := &recorder{}
	tr := newTracker(rec.onDone)
	done := tr.add(newOrder("s1", t0, true))
	p := &poller{sagas: svc, tracker: tr, after: DefaultEventTimeout}
	p.pass(t.Context(), t0.Add(DefaultEventTimeout/2))
	require.Empty(t, api.requests, "not overdue yet")
	p.pass(t.Context(), t0.Add(2*DefaultEventTimeout))
	require.Equal(t, []string{"GET /sagas/s1"}, api.requests)
	require.True(t, closed(done))
	require.Len(t, rec.done, 1)
	require.True(t, rec.done[0].viaFallback)
	require.Equal(t, Approved, rec.done[0].result)
	require.Equal(t, 123456000, rec.done[0].completedAt.Nanosecond())
}

func TestResultOfTerminalStatesOnly(t *testing.T) {
	for state, want := range map[string]Result{"COMPLETED": Approved, "COMPENSATED": Rejected, "FAILED": Failed} {
		got, ok := resultOf(state)
		require.True(t, ok, state)
		require.Equal(t, want, got)
	}
	for _, state := range []string{"RUNNING", "COMPENSATING", ""} {
		_, ok := resultOf(state)
		require.False(t, ok, state)
	}
}
