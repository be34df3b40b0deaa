package httpx

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

type order struct {
	CustomerID string `json:"customer_id"`
	Items      []struct {
		SKU string `json:"sku"`
	} `json:"items"`
	Data map[string]any `json:"data"`
}

// decodeOrder decodes raw sent with contentType and returns the status of
// the refusal (0 when accepted) and its message.
func decodeOrder(t *testing.T, contentType, raw string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(raw))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	var o order
	_, err := DecodeJSON(httptest.NewRecorder(), req, &o)
	if err == nil {
		return 0, ""
	}
	var re *RequestError
	require.ErrorAs(t, err, &re)
	return re.Status, re.Msg
}

func TestDecodeJSONNeedsAJSONContentType(t *testing.T) {
	const body = `{"customer_id":"c1"}`
	for ct, want := range map[string]int{
		"application/json":                     0,
		"application/json; charset=utf-8":      0,
		"Application/JSON":                     0,
		"":                                     http.StatusUnsupportedMediaType,
		"text/plain":                           http.StatusUnsupportedMediaType,
		"text/plain; charset=application/json": http.StatusUnsupportedMediaType,
		"application/x-www-form-urlencoded":    http.StatusUnsupportedMediaType,
		"multipart/form-data; boundary=x":      http.StatusUnsupportedMediaType,
		"application/json;;":                   http.StatusUnsupportedMediaType,
	} {
		status, msg := decodeOrder(t, ct, body)
		require.Equal(t, want, status, "Content-Type %q", ct)
		if want != 0 {
			require.Contains(t, msg, "application/json")
		}
	}
}

func TestDecodeJSONRefusesDuplicateAndCaseVariantKeys(t *testing.T) {
	for raw, want := range map[string]string{
		`{"customer_id":"a","customer_id":"b"}`:                    `duplicate key "customer_id"`,
		`{"customer_id":"a","CUSTOMER_ID":"b"}`:                    `"CUSTOMER_ID"`,
		`{"CUSTOMER_ID":"b"}`:                                      `key "CUSTOMER_ID" must be written "customer_id"`,
		`{"Customer_Id":"b"}`:                                      `"Customer_Id"`,
		`{"items":[{"sku":"A"},{"SKU":"B"}]}`:                      `items[1]: key "SKU" must be written "sku"`,
		`{"items":[{"sku":"A","sku":"B"}]}`:                        `items[0]: duplicate key "sku"`,
		"{\"items\":[{\"\u017fku\":\"A\"}]}":                       `must be written "sku"`, // long s folds to s
		`{"data":{"x":1,"x":2}}`:                                   `data: duplicate key "x"`,
		`{"data":{"x":1,"X":2}}`:                                   ``, // a map keeps both
		`{"data":{"deep":[{"y":1,"y":1}]}}`:                        `data.deep[0]: duplicate key "y"`,
		`{"customer_id":"a","items":[{"sku":"A"}],"data":{"X":1}}`: ``,
	} {
		status, msg := decodeOrder(t, "application/json", raw)
		if want == "" {
			require.Zero(t, status, "%s: %s", raw, msg)
			continue
		}
		require.Equal(t, http.StatusBadRequest, status, raw)
		require.Contains(t, msg, want, raw)
	}
}
