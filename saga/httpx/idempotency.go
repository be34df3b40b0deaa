package httpx

import "net/http"

// MaxIdempotencyKeyLength bounds an Idempotency-Key.
const MaxIdempotencyKeyLength = 255

// CheckIdempotencyKey refuses (400) an Idempotency-Key that is too long or
// not text a database column holds.
func CheckIdempotencyKey(key string) error {
	if len(key) > MaxIdempotencyKeyLength {
		return Errorf(http.StatusBadRequest, "Idempotency-Key is longer than %d characters", MaxIdempotencyKeyLength)
	}
	return CheckText("Idempotency-Key", key)
}
