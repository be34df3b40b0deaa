package runner

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func hashOf(t *testing.T, sagaType, data string) string {
	t.Helper()
	key, err := requestKey(StartRequest{Type: sagaType, Data: json.RawMessage(data), IdempotencyKey: "k"})
	require.NoError(t, err)
	require.Equal(t, "k", key.Key)
	return key.RequestHash
}

// The request hash ignores formatting and key order, and sees every other
// difference, down to a number's last digit.
func TestRequestKeyHashesACanonicalForm(t *testing.T) {
	base := hashOf(t, "preorder", `{"sku": "A", "n": [1, {"b": 2, "a": 1}], "big": 12345678901234567890}`)
	require.Equal(t, base, hashOf(t, "preorder", `{"big":12345678901234567890,"n":[1,{"a":1,"b":2}],"sku":"\u0041"}`))
	for _, other := range []string{
		`{"sku": "A", "n": [1, {"b": 2, "a": 1}], "big": 12345678901234567891}`,
		`{"sku": "A", "n": [{"b": 2, "a": 1}, 1], "big": 12345678901234567890}`,
		`{"sku": "A", "n": [1, {"b": 2, "a": 1}], "big": 12345678901234567890, "x": null}`,
	} {
		require.NotEqual(t, base, hashOf(t, "preorder", other), other)
	}
	require.NotEqual(t, base, hashOf(t, "order", `{"sku": "A", "n": [1, {"b": 2, "a": 1}], "big": 12345678901234567890}`))
}
