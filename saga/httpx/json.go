package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
)

// MaxBodyBytes is the largest request body accepted (1 MiB).
const MaxBodyBytes = 1 << 20

// WriteJSON writes v as a JSON response with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// ErrorBody is the body of every error response.
type ErrorBody struct {
	Error string `json:"error"`
}

// WriteError writes {"error": msg} with status.
func WriteError(w http.ResponseWriter, status int, msg string) {
	WriteJSON(w, status, ErrorBody{Error: msg})
}

// RequestError is a client error with the status to answer it with.
type RequestError struct {
	Status int
	Msg    string
}

func (e *RequestError) Error() string { return e.Msg }

// Errorf builds a RequestError.
func Errorf(status int, format string, args ...any) *RequestError {
	return &RequestError{Status: status, Msg: fmt.Sprintf(format, args...)}
}

// WriteRequestError answers err: its status if it is a *RequestError,
// otherwise 500 with a generic message.
func WriteRequestError(w http.ResponseWriter, err error) {
	var re *RequestError
	if errors.As(err, &re) {
		WriteError(w, re.Status, re.Msg)
		return
	}
	WriteError(w, http.StatusInternalServerError, "internal error")
}

// DecodeJSON reads one JSON object from the body into dst, rejecting a
// Content-Type other than application/json (415), bodies over MaxBodyBytes
// (413), malformed JSON, wrong types, unknown fields, keys written twice or
// not spelt exactly like their field, and trailing data (400). It returns
// the raw body for hashing.
func DecodeJSON(w http.ResponseWriter, r *http.Request, dst any) ([]byte, error) {
	if err := requireJSON(r); err != nil {
		return nil, err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, Errorf(http.StatusRequestEntityTooLarge, "request body exceeds %d bytes", MaxBodyBytes)
		}
		return nil, Errorf(http.StatusBadRequest, "reading request body: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return nil, decodeError(err)
	}
	if dec.More() {
		return nil, Errorf(http.StatusBadRequest, "request body has data after the JSON object")
	}
	if err := checkKeys(body, reflect.TypeOf(dst)); err != nil {
		return nil, err
	}
	return body, nil
}

// requireJSON refuses a request whose body is not declared JSON: a web
// page can send a form or text/plain to any site without asking, but not
// application/json.
func requireJSON(r *http.Request) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return Errorf(http.StatusUnsupportedMediaType, "Content-Type must be application/json")
	}
	return nil
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return Errorf(http.StatusBadRequest, "field %q must be %s, got %s", typeErr.Field, typeErr.Type, typeErr.Value)
	case errors.As(err, &syntaxErr):
		return Errorf(http.StatusBadRequest, "malformed JSON at byte %d: %v", syntaxErr.Offset, err)
	case errors.Is(err, io.EOF):
		return Errorf(http.StatusBadRequest, "request body is empty")
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return Errorf(http.StatusBadRequest, "%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return Errorf(http.StatusBadRequest, "malformed JSON: %v", err)
}
