package httpx

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"
)

func TestHealthSaysUpOrDownAndLogsTheDetail(t *testing.T) {
	var logged bytes.Buffer
	l := logrus.New()
	l.SetOutput(&logged)
	up := Check{Name: "postgres", Check: func(context.Context) error { return nil }}
	down := Check{Name: "redis", Check: func(context.Context) error {
		return errors.New("dial tcp 10.0.0.7:6379: connect: connection refused")
	}}

	rec := httptest.NewRecorder()
	Health(logrus.NewEntry(l), up, down)(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.JSONEq(t, `{"status":"down","checks":{"postgres":"up","redis":"down"}}`, rec.Body.String())
	require.Contains(t, logged.String(), "10.0.0.7:6379", "the detail stays in the log")

	rec = httptest.NewRecorder()
	Health(logrus.NewEntry(l), up)(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	require.JSONEq(t, `{"status":"ok","checks":{"postgres":"up"}}`, rec.Body.String())
}
