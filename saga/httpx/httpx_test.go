package httpx

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

type body struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

func decode(t *testing.T, raw string) (body, int) {
	t.Helper()
	var b body
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	_, err := DecodeJSON(rec, req, &b)
	if err == nil {
		return b, 0
	}
	var re *RequestError
	require.ErrorAs(t, err, &re)
	return b, re.Status
}

func TestDecodeJSON(t *testing.T) {
	b, status := decode(t, `{"name":"x","count":2}`)
	require.Zero(t, status)
	require.Equal(t, body{"x", 2}, b)

	for raw, want := range map[string]int{
		`{"name":`:                   http.StatusBadRequest,
		`{"name":"x","count":"two"}`: http.StatusBadRequest,
		`{"name":"x","extra":1}`:     http.StatusBadRequest,
		`{"name":"x"} {"name":"y"}`:  http.StatusBadRequest,
		``:                           http.StatusBadRequest,
		`{"name":"` + strings.Repeat("a", MaxBodyBytes) + `"}`: http.StatusRequestEntityTooLarge,
	} {
		_, status := decode(t, raw)
		require.Equal(t, want, status, "body %.40q", raw)
	}
}

func TestAuth(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	h := Auth("s3cret")(ok)
	for _, c := range []struct {
		path, header string
		want         int
	}{
		{"/orders", "", http.StatusUnauthorized},
		{"/orders", "Bearer wrong", http.StatusUnauthorized},
		{"/orders", "Bearer s3cret", http.StatusNoContent},
		{"/orders", "s3cret", http.StatusUnauthorized},
		{"/healthz", "", http.StatusNoContent},
		{"/metrics", "", http.StatusNoContent},
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, c.path, nil)
		if c.header != "" {
			req.Header.Set("Authorization", c.header)
		}
		h.ServeHTTP(rec, req)
		require.Equal(t, c.want, rec.Code, "%s %q", c.path, c.header)
		if c.want == http.StatusUnauthorized {
			var eb ErrorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &eb))
			require.NotEmpty(t, eb.Error)
		}
	}
	rec := httptest.NewRecorder()
	Auth("")(ok).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/orders", nil))
	require.Equal(t, http.StatusNoContent, rec.Code)
}

func TestRouterAnswersJSONForUnknownRoutes(t *testing.T) {
	r := NewRouter()
	r.HandleFunc("/x", func(http.ResponseWriter, *http.Request) {}).Methods(http.MethodGet)
	for path, want := range map[string]int{"/nope": http.StatusNotFound} {
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		require.Equal(t, want, rec.Code)
		require.Contains(t, rec.Body.String(), `"error"`)
	}
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodDelete, "/x", nil))
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
}

func TestRecoverTurnsPanicInto500(t *testing.T) {
	h := Recover(testLog())(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	require.Equal(t, http.StatusInternalServerError, rec.Code)
	require.JSONEq(t, `{"error":"internal error"}`, rec.Body.String())
}
