package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/saga/driver"
)

// ErrKeyReused is returned by StartRequested when the idempotency key
// started a saga for another request (another type or other data).
var ErrKeyReused = errors.New("this Idempotency-Key was used for a different request")

// requestKey is the key of req with the hash of its canonical form, so
// that formatting differences in the JSON (spacing, the order of an
// object's keys, escapes) do not count as another request. Numbers keep
// their digits: 1 and 1.0 are different requests.
func requestKey(req StartRequest) (driver.RequestKey, error) {
	dec := json.NewDecoder(bytes.NewReader(req.Data))
	dec.UseNumber()
	var data any
	if err := dec.Decode(&data); err != nil {
		return driver.RequestKey{}, fmt.Errorf("reading the data of a %s saga: %w", req.Type, err)
	}
	canonical, err := json.Marshal(struct {
		Type string `json:"type"`
		Data any    `json:"data"`
	}{req.Type, data})
	if err != nil {
		return driver.RequestKey{}, fmt.Errorf("encoding a %s saga request: %w", req.Type, err)
	}
	sum := sha256.Sum256(canonical)
	return driver.RequestKey{Key: req.IdempotencyKey, RequestHash: hex.EncodeToString(sum[:])}, nil
}

// checkSameRequest refuses a request under a key stored for another one.
func checkSameRequest(stored, key driver.RequestKey) error {
	if stored.RequestHash != key.RequestHash {
		return ErrKeyReused
	}
	return nil
}
