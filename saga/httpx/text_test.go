package httpx

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCheckText(t *testing.T) {
	for v, bad := range map[string]bool{"sku-1": false, "Zoë 東京": false, "": false, "a\x00b": true, "a\xffb": true, "\xc3\x28": true} {
		err := CheckText("sku", v)
		if !bad {
			require.NoError(t, err, "%q", v)
			continue
		}
		var re *RequestError
		require.ErrorAs(t, err, &re, "%q", v)
		require.Equal(t, http.StatusBadRequest, re.Status)
		require.Contains(t, re.Msg, "sku")
	}
}
