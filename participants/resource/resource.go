package resource

import (
	"context"
	"errors"
	"net/http"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/httpx"
)

// MaxKeyLength bounds a key in a URL.
const MaxKeyLength = 200

// ErrInvalid is wrapped by stores when a value breaks a rule of the model,
// such as a negative quantity; it is answered 422 with the error's text.
var ErrInvalid = errors.New("invalid value")

// Body is the JSON body of a PUT, holding the one integer field.
type Body interface {
	// Value is the field's value, nil when the body lacks it.
	Value() *int64
}

// Resource describes the record a handler serves: V is the record, B the
// body of a PUT. Every field is required.
type Resource[V any, B Body] struct {
	// Path is the route, with the key as its variable: "/stock/{sku}".
	Path string
	// Key is the route variable, also named in the error of a bad key.
	Key string
	// Field is the JSON name of the body's integer, named in its errors.
	Field string
	// Noun names the record in the log line of a failed request.
	Noun string
	// NotFound is the error message of a 404.
	NotFound string
	// Set stores n under key, creating the record if needed.
	Set func(ctx context.Context, key string, n int64) (V, error)
	// Get reads the record of key, or returns saga.ErrNotFound.
	Get func(ctx context.Context, key string) (V, error)
}

// NewHandler serves res. /healthz runs checks (the service's database and
// Redis).
func NewHandler[V any, B Body](res Resource[V, B], log *logrus.Entry, checks ...httpx.Check) http.Handler {
	h := &handler[V, B]{res: res, log: log}
	r := httpx.NewRouter()
	r.HandleFunc(res.Path, h.put).Methods(http.MethodPut)
	r.HandleFunc(res.Path, h.get).Methods(http.MethodGet)
	r.Handle("/healthz", httpx.Health(log, checks...)).Methods(http.MethodGet)
	return r
}
