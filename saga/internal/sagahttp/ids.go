package sagahttp

import (
	"net/http"

	"github.com/streamsaga/streamsaga/saga/httpx"
)

// operator is who the X-Operator header names, "api" when it names no one
// or is longer than 100 bytes; a value no text column holds is a 400.
func operator(r *http.Request) (string, error) {
	who := r.Header.Get("X-Operator")
	if err := httpx.CheckText("X-Operator", who); err != nil {
		return "", err
	}
	if who == "" || len(who) > 100 {
		return "api", nil
	}
	return who, nil
}
