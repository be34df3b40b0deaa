package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/admission"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// decision is an Admitter that always decides the same.
type decision struct{ d admission.Decision }

func (d decision) Admit() admission.Decision { return d.d }

func TestAdmitAnswers503WithRetryAfterWhenRefused(t *testing.T) {
	w := httptest.NewRecorder()
	require.False(t, httpx.Admit(w, decision{admission.Decision{Wait: 2500 * time.Millisecond, RetryAfter: 1500 * time.Millisecond}}))
	require.Equal(t, http.StatusServiceUnavailable, w.Code)
	require.Equal(t, "2", w.Header().Get("Retry-After"))
	require.JSONEq(t, `{"error":"too busy to start a saga: messages of running sagas have waited 2.5s in their streams; retry later (nothing was stored)"}`,
		w.Body.String())
}

func TestAdmitLetsAdmittedRequestsThrough(t *testing.T) {
	for name, a := range map[string]httpx.Admitter{"admitted": decision{admission.Decision{Admit: true}}, "no admission": nil,
		"nil gate": (*admission.Gate)(nil)} {
		w := httptest.NewRecorder()
		require.True(t, httpx.Admit(w, a), name)
		require.Equal(t, http.StatusOK, w.Code, name)
		require.Empty(t, w.Body.String(), name)
	}
}
