package stream

import (
	"errors"
	"strings"

	"github.com/redis/go-redis/v9"
)

// transientPrefixes open the error replies of a server that is loading,
// failing over, out of memory or busy: the same command may succeed later.
var transientPrefixes = []string{
	"LOADING", "READONLY", "OOM", "BUSY", "TRYAGAIN", "CLUSTERDOWN",
	"MASTERDOWN", "MOVED", "ASK", "NOREPLICAS", "MISCONF",
}

// IsPermanent reports whether err is an error reply that the same command
// will get again, such as WRONGTYPE or an entry over the server's limits.
// Connection errors, timeouts, cancelled contexts and the replies of a
// server that is loading, failing over or out of memory are not.
func IsPermanent(err error) bool {
	var rerr redis.Error
	if !errors.As(err, &rerr) || errors.Is(err, redis.Nil) {
		return false
	}
	msg := strings.TrimPrefix(rerr.Error(), "redis: ")
	for _, p := range transientPrefixes {
		if strings.HasPrefix(msg, p) {
			return false
		}
	}
	return true
}

// IsNoSuchKey reports XINFO's answer for a stream that does not exist.
func IsNoSuchKey(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such key")
}
