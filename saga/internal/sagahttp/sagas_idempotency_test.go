package sagahttp_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orders"
)

const preorderBody = `{"type": "preorder", "data": {"sku": "A", "note": "gift", "qty": 12345678901234567890}}`

// preorderReformatted is preorderBody with other spacing and key order.
const preorderReformatted = `{"data":{"qty":12345678901234567890,"note":"gift","sku":"A"},"type":"preorder"}`

func TestPostSagasReplaysTheSameKeyAndBody(t *testing.T) {
	f := newSagaFixture(t)
	s1, b1, h1 := f.do(t, http.MethodPost, "/sagas", preorderBody, "Idempotency-Key", "pre-1")
	require.Equal(t, http.StatusAccepted, s1, b1)
	require.Empty(t, h1.Get("Idempotent-Replayed"))

	s2, b2, h2 := f.do(t, http.MethodPost, "/sagas", preorderReformatted, "Idempotency-Key", "pre-1")
	require.Equal(t, http.StatusOK, s2, b2)
	require.Equal(t, "true", h2.Get("Idempotent-Replayed"))
	require.Equal(t, b1, b2)
	require.Equal(t, "RUNNING", b2["state"])
	require.Equal(t, h1.Get("Location"), h2.Get("Location"))
	require.Equal(t, 1, f.count(t, "sagas"))
	require.Equal(t, 1, f.count(t, "outbox"), "one first command")
}

func TestPostSagasSameKeyOtherBodyIs409(t *testing.T) {
	f := newSagaFixture(t)
	s1, b1, _ := f.do(t, http.MethodPost, "/sagas", preorderBody, "Idempotency-Key", "pre-1")
	require.Equal(t, http.StatusAccepted, s1, b1)
	for _, other := range []string{
		`{"type": "preorder", "data": {"sku": "B", "note": "gift", "qty": 12345678901234567890}}`,
		`{"type": "preorder", "data": {"sku": "A", "note": "gift", "qty": 12345678901234567891}}`,
		`{"type": "preorder", "data": {"sku": "A"}}`,
	} {
		status, body, h := f.do(t, http.MethodPost, "/sagas", other, "Idempotency-Key", "pre-1")
		require.Equal(t, http.StatusConflict, status, other)
		require.Contains(t, body["error"], "Idempotency-Key")
		require.Empty(t, h.Get("Location"))
	}
	require.Equal(t, 1, f.count(t, "sagas"))
	require.Equal(t, 1, f.count(t, "outbox"))
}

func TestPostSagasConcurrentSameKeyStartsOneSaga(t *testing.T) {
	f := newSagaFixture(t)
	const n = 8
	statuses, ids := make([]int, n), make([]any, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, body, _ := f.do(t, http.MethodPost, "/sagas", preorderBody, "Idempotency-Key", "pre-race")
			statuses[i], ids[i] = status, body["saga_id"]
		}()
	}
	wg.Wait()
	started := 0
	for i := range n {
		require.Contains(t, []int{http.StatusAccepted, http.StatusOK}, statuses[i])
		if statuses[i] == http.StatusAccepted {
			started++
		}
		require.Equal(t, ids[0], ids[i], "every answer names the one saga")
	}
	require.Equal(t, 1, started)
	require.Equal(t, 1, f.count(t, "sagas"))
	require.Equal(t, 1, f.count(t, "outbox"))
}

func TestPostSagasBadIdempotencyKeyIs400(t *testing.T) {
	f := newSagaFixture(t)
	for _, key := range []string{"k\xff", strings.Repeat("k", orders.MaxKeyLength+1)} {
		status, body, _ := f.do(t, http.MethodPost, "/sagas", preorderBody, "Idempotency-Key", key)
		require.Equal(t, http.StatusBadRequest, status, "%.20q", key)
		require.Contains(t, body["error"], "Idempotency-Key")
	}
	// net/http refuses to send a NUL in a header: hand the request to the
	// handler itself.
	req := httptest.NewRequest(http.MethodPost, "/sagas", strings.NewReader(preorderBody))
	req.Header.Set("Content-Type", "application/json")
	req.Header["Idempotency-Key"] = []string{"k\x00"}
	rec := httptest.NewRecorder()
	f.srv.Config.Handler.ServeHTTP(rec, req)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Contains(t, rec.Body.String(), "Idempotency-Key")
	require.Zero(t, f.count(t, "sagas"))
	require.Zero(t, f.count(t, "outbox"))

	status, body, _ := f.do(t, http.MethodPost, "/sagas", preorderBody, "Idempotency-Key", strings.Repeat("k", orders.MaxKeyLength))
	require.Equal(t, http.StatusAccepted, status, body, "a key of the longest length is fine")
}

func TestPostSagasWithoutKeyStartsASagaEachTime(t *testing.T) {
	f := newSagaFixture(t)
	_, b1, _ := f.do(t, http.MethodPost, "/sagas", preorderBody)
	s2, b2, h2 := f.do(t, http.MethodPost, "/sagas", preorderBody)
	require.Equal(t, http.StatusAccepted, s2)
	require.Empty(t, h2.Get("Idempotent-Replayed"))
	require.NotEqual(t, b1["saga_id"], b2["saga_id"])
	require.Equal(t, 2, f.count(t, "sagas"))
}
