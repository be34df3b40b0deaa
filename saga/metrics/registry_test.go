package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRegistriesAreIndependent(t *testing.T) {
	a, err := New()
	require.NoError(t, err)
	b, err := New()
	require.NoError(t, err, "a second service in the same process registers its own")
	a.HTTP.ObserveRequest("/x", "GET", 200, time.Millisecond)
	require.NotNil(t, find(t, a, "streamsaga_http_requests_total", map[string]string{"route": "/x", "method": "GET", "code": "200"}))
	require.Nil(t, find(t, b, "streamsaga_http_requests_total", map[string]string{"route": "/x", "method": "GET", "code": "200"}))
}

func TestHandlerServesTheTextFormat(t *testing.T) {
	r, err := New()
	require.NoError(t, err)
	r.HTTP.ObserveRequest("/stock/{sku}", "PUT", 200, time.Millisecond)
	rec := httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	body, _ := io.ReadAll(rec.Body)
	require.Contains(t, string(body), "# HELP streamsaga_http_requests_total ")
	require.Contains(t, string(body), `streamsaga_http_requests_total{code="200",method="PUT",route="/stock/{sku}"} 1`)
	require.Contains(t, string(body), "go_goroutines ")
}
