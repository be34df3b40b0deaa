package httpx

import (
	"net/http"
	"strings"
	"unicode/utf8"
)

// CheckText refuses (400, naming field) a value that no database column of
// text can hold: invalid UTF-8 or a NUL character. Check every string from
// a request (body, header, path) that is stored or looked up.
func CheckText(field, v string) error {
	if !utf8.ValidString(v) {
		return Errorf(http.StatusBadRequest, "%s is not valid UTF-8", field)
	}
	if strings.IndexByte(v, 0) >= 0 {
		return Errorf(http.StatusBadRequest, "%s must not contain a NUL character", field)
	}
	return nil
}
