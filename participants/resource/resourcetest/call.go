package resourcetest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"
)

// Call sends body (if any) as application/json and returns the status and
// the response body, requiring a JSON response.
func Call(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	return CallAs(t, method, url, "application/json", body)
}

// CallAs is Call sending body with contentType (none when empty).
func CallAs(t *testing.T, method, url, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	return resp.StatusCode, string(b)
}

// RequireCall is Call requiring status, returning the body.
func RequireCall(t *testing.T, status int, method, url, body string) string {
	t.Helper()
	got, b := Call(t, method, url, body)
	require.Equal(t, status, got, b)
	return b
}

// Serve serves h for the test's lifetime and returns its base URL.
func Serve(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// QuietLogger is a logger that writes nowhere.
func QuietLogger() *logrus.Entry {
	log := logrus.New()
	log.SetOutput(io.Discard)
	return logrus.NewEntry(log)
}
