package resource_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/resource"
	"github.com/streamsaga/streamsaga/participants/resource/resourcetest"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// counter is a record of the in-memory store.
type counter struct {
	Name  string `json:"name"`
	Count int64  `json:"count"`
}

type counterBody struct {
	Count *int64 `json:"count"`
}

func (b counterBody) Value() *int64 { return b.Count }

// memStore keeps counters in memory; a count below 0 or over limit is
// invalid, and reading the counter "broken" fails.
type memStore struct {
	mu     sync.Mutex
	counts map[string]int64
	limit  int64
}

func (s *memStore) set(_ context.Context, name string, n int64) (counter, error) {
	if n < 0 || n > s.limit {
		return counter{}, fmt.Errorf("setting %s: %w: %d is over %d", name, resource.ErrInvalid, n, s.limit)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[name] = n
	return counter{Name: name, Count: n}, nil
}

func (s *memStore) get(_ context.Context, name string) (counter, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := s.counts[name]
	switch {
	case name == "broken":
		return counter{}, errors.New("disk on fire")
	case !ok:
		return counter{}, saga.ErrNotFound
	}
	return counter{Name: name, Count: n}, nil
}

// counters is the resource of the counters in s.
func counters(s *memStore) resource.Resource[counter, counterBody] {
	return resource.Resource[counter, counterBody]{
		Path: "/counters/{name}", Key: "name", Field: "count", Noun: "counter", NotFound: "unknown counter",
		Set: s.set, Get: s.get,
	}
}

func serve(t *testing.T, checks ...httpx.Check) string {
	return resourcetest.Serve(t, resource.NewHandler(counters(newMemStore()), resourcetest.QuietLogger(), checks...))
}

func newMemStore() *memStore { return &memStore{counts: map[string]int64{}, limit: 100} }

func TestCounterRecords(t *testing.T) {
	t.Parallel()
	want := func(name string, n int64) counter { return counter{Name: name, Count: n} }
	for _, c := range resourcetest.RecordCases(counters, want) {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			c.Run(t, newMemStore())
		})
	}
}

func TestCounterAPI(t *testing.T) {
	t.Parallel()
	resourcetest.Run(t, resourcetest.API{
		Serve: serve, Collection: "/counters", Param: "name", Field: "count", Extra: "unit", NotFound: `{"error":"unknown counter"}`,
		Key: "hits", Value: 7, Record: `{"name":"hits","count":7}`,
	})
}

func TestStoreFailureAnswers503(t *testing.T) {
	t.Parallel()
	body := resourcetest.RequireCall(t, http.StatusServiceUnavailable, http.MethodGet, serve(t)+"/counters/broken", "")
	require.JSONEq(t, `{"error":"storage unavailable, try again"}`, body)
}

func TestStoreRulesAnswer422(t *testing.T) {
	t.Parallel()
	body := resourcetest.RequireCall(t, http.StatusUnprocessableEntity, http.MethodPut, serve(t)+"/counters/a", `{"count": 101}`)
	require.JSONEq(t, `{"error":"setting a: invalid value: 101 is over 100"}`, body)
}
