package stream

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// EnsureGroup creates the consumer group of a stream, and the stream itself
// when it does not exist. A new group starts at "0", not "$", so entries
// published before the group existed (or since Redis lost its data) are
// still delivered. An existing group is left as it is.
func EnsureGroup(ctx context.Context, rdb redis.UniversalClient, streamKey, group string) error {
	err := rdb.XGroupCreateMkStream(ctx, streamKey, group, "0").Err()
	if err != nil && !isBusyGroup(err) {
		return fmt.Errorf("creating consumer group %s on %s: %w", group, streamKey, err)
	}
	return nil
}

// isBusyGroup reports the reply of XGROUP CREATE for an existing group.
func isBusyGroup(err error) bool {
	return redis.HasErrorPrefix(err, "BUSYGROUP")
}

// isNoGroup reports a missing stream or group: Redis lost its data, or the
// stream or group was deleted. A read blocked at that moment gets UNBLOCKED
// instead of NOGROUP.
func isNoGroup(err error) bool {
	return redis.HasErrorPrefix(err, "NOGROUP") || redis.HasErrorPrefix(err, "UNBLOCKED")
}

// recoverGroup recreates the group after a NOGROUP reply.
func (c *reader) recoverGroup(ctx context.Context, cause error) error {
	c.log.WithError(cause).Warn("consumer group missing (Redis lost its data or the stream was deleted); recreating it")
	return EnsureGroup(ctx, c.rdb, c.streamKey, c.group)
}
