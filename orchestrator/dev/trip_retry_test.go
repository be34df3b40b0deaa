package dev_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/dev"
)

// retryForm finds the Retry form's action on the saga's explorer page.
var retryForm = regexp.MustCompile(`<form id="retry-form"[^>]* method="post" action="([^"]+)"`)

// retryFromUI does what an operator's click on Retry does: it reads the
// saga's page, posts its Retry form from that page (a same-origin form
// post, as a browser sends it) and follows nothing.
func retryFromUI(t *testing.T, o dev.Options, id, operator string) {
	t.Helper()
	page := "http://" + o.OrchestratorAddr + "/ui/sagas/" + id
	resp, err := http.Get(page)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	m := retryForm.FindSubmatch(body)
	require.NotNil(t, m, "the page of a FAILED saga has a Retry form")

	form := url.Values{"operator": {operator}}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+o.OrchestratorAddr+string(m[1]),
		strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://"+o.OrchestratorAddr)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Referer", page)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noRedirect.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode, "post/redirect/get")
	require.Equal(t, "/ui/sagas/"+id+"?flash=retried", resp.Header.Get("Location"))
}
