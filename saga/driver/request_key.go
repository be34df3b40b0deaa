package driver

// RequestKey is the Idempotency-Key a request came with and a hash of the
// request, kept with what the request created so that a repeat of it can
// be answered, and another request under the same key refused.
type RequestKey struct {
	// Key is the Idempotency-Key; empty when the request had none.
	Key string
	// RequestHash fingerprints the request, formatting aside.
	RequestHash string
}
