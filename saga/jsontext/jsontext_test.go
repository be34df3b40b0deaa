package jsontext

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCompact(t *testing.T) {
	require.Equal(t, "", Compact(nil, 10))
	require.Equal(t, "", Compact([]byte("null"), 10))
	require.Equal(t, `{"a":1}`, Compact([]byte("{ \"a\" :\n 1 }"), 10))
	require.Equal(t, "not json", Compact([]byte("not json"), 10))
	long := `"` + strings.Repeat("é", 20) + `"` // 42 bytes
	got := Compact([]byte(long), 6)
	require.Equal(t, `"éé… (42 bytes, cut to 5)`, got, "cut on a character boundary")
}
