package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxBodyBytes bounds what is read of an answer (a long saga history or
// 500 dead letters with their envelopes stay far below it).
const maxBodyBytes = 64 << 20

// client calls the orchestrator's HTTP API.
type client struct {
	base    *url.URL
	token   string
	timeout time.Duration
	http    *http.Client
}

// request is one call: method, escaped path, query and extra headers.
type request struct {
	method string
	path   string
	query  url.Values
	header http.Header
}

// get builds a GET of path with query.
func get(path string, query url.Values) request {
	return request{method: http.MethodGet, path: path, query: query}
}

// post builds a POST of path without a body.
func post(path string) request {
	return request{method: http.MethodPost, path: path}
}

// pathOf joins escaped path segments: pathOf("sagas", id) is /sagas/<id>.
func pathOf(segments ...string) string {
	var b strings.Builder
	for _, s := range segments {
		b.WriteString("/" + url.PathEscape(s))
	}
	return b.String()
}

// do sends r with its own timeout and returns the body of a 2xx answer;
// any other answer is an *apiError, no answer a *reachError.
func (c *client) do(ctx context.Context, r request) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := c.newRequest(ctx, r)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.reachErr(ctx, r, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	if err != nil {
		return nil, c.reachErr(ctx, r, fmt.Errorf("reading the answer: %w", err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, c.statusErr(r, resp.StatusCode, body)
	}
	return body, nil
}

// doJSON sends r and decodes its answer into out, returning the raw body
// too (what --json prints).
func (c *client) doJSON(ctx context.Context, r request, out any) ([]byte, error) {
	body, err := c.do(ctx, r)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(body, out); err != nil {
		return nil, fmt.Errorf("%s %s: decoding the answer: %w", r.method, r.path, err)
	}
	return body, nil
}

func (c *client) newRequest(ctx context.Context, r request) (*http.Request, error) {
	u := strings.TrimSuffix(c.base.String(), "/") + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u, nil)
	if err != nil {
		return nil, fmt.Errorf("%s %s: building the request: %w", r.method, r.path, err)
	}
	for k, vs := range r.header {
		req.Header[k] = vs
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "streamsaga-orchestrator-cli")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	return req, nil
}

// reachErr explains a request that got no (complete) answer.
func (c *client) reachErr(ctx context.Context, r request, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // its text repeats the URL
	}
	timedOut := errors.Is(ctx.Err(), context.DeadlineExceeded) || (ue != nil && ue.Timeout())
	return &reachError{method: r.method, path: r.path, base: c.base.String(), timeout: c.timeout, timedOut: timedOut, err: err}
}

// statusErr builds the apiError of a non-2xx answer.
func (c *client) statusErr(r request, status int, body []byte) error {
	e := &apiError{method: r.method, path: r.path, status: status, msg: errorMessage(body)}
	if status == http.StatusUnauthorized {
		e.hint = "set API_TOKEN to the server's token"
		if c.token != "" {
			e.hint = "API_TOKEN is not the server's token"
		}
	}
	return e
}

// errorMessage is the API's {"error": ...} message, or the start of a body
// that is not one (a proxy's page, say).
func errorMessage(body []byte) string {
	var eb struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &eb) == nil && eb.Error != "" {
		return eb.Error
	}
	s := strings.Join(strings.Fields(string(body)), " ")
	if s == "" {
		return "(no message)"
	}
	const max = 200
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return s
}
