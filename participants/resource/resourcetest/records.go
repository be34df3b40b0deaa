package resourcetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/resource"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
)

// records is the store behind a resource, for the record cases.
type records[V any, B resource.Body] struct {
	res  resource.Resource[V, B]
	want func(key string, n int64) V
}

// RecordCases are the cases, for a store suite, of the records behind a
// resource: res gives the resource over a store S, want the record of key
// after setting n on an empty store. They check that the store sets and
// gets records, answers saga.ErrNotFound for an unknown key, and refuses a
// negative value with resource.ErrInvalid, storing nothing.
func RecordCases[S, V any, B resource.Body](res func(S) resource.Resource[V, B], want func(key string, n int64) V) []sdktest.Case[S] {
	cases := []sdktest.Case[records[V, B]]{
		{Name: "RecordSetAndGet", Run: testSetAndGet[V, B]},
		{Name: "RecordUnknownKeyNotFound", Run: testGetUnknown[V, B]},
		{Name: "RecordNegativeInvalid", Run: testSetNegative[V, B]},
	}
	out := make([]sdktest.Case[S], len(cases))
	for i, c := range cases {
		out[i] = sdktest.Case[S]{Name: c.Name, Run: func(t *testing.T, s S) { c.Run(t, records[V, B]{res: res(s), want: want}) }}
	}
	return out
}

func testSetAndGet[V any, B resource.Body](t *testing.T, r records[V, B]) {
	got, err := r.res.Set(t.Context(), "k1", 10)
	require.NoError(t, err)
	require.Equal(t, r.want("k1", 10), got)
	r.require(t, "k1", 10)
	_, err = r.res.Set(t.Context(), "k1", 0)
	require.NoError(t, err)
	r.require(t, "k1", 0)
}

func (r records[V, B]) require(t *testing.T, key string, n int64) {
	t.Helper()
	got, err := r.res.Get(t.Context(), key)
	require.NoError(t, err)
	require.Equal(t, r.want(key, n), got)
}

func testGetUnknown[V any, B resource.Body](t *testing.T, r records[V, B]) {
	_, err := r.res.Get(t.Context(), "nobody")
	require.ErrorIs(t, err, saga.ErrNotFound)
}

func testSetNegative[V any, B resource.Body](t *testing.T, r records[V, B]) {
	_, err := r.res.Set(t.Context(), "k1", -1)
	require.ErrorIs(t, err, resource.ErrInvalid)
	_, err = r.res.Get(t.Context(), "k1")
	require.ErrorIs(t, err, saga.ErrNotFound, "nothing stored")
}
