package stream

import (
	"context"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga/iocount"
)

// countingHook tells iocount about every command and round trip of a
// client: a command on its own, or a pipeline (MULTI/EXEC included).
type countingHook struct{}

var _ redis.Hook = countingHook{}

func (countingHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (countingHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		iocount.RedisRoundTrip()
		iocount.RedisCommand(cmd.Name())
		return next(ctx, cmd)
	}
}

func (countingHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		iocount.RedisRoundTrip()
		for _, c := range cmds {
			iocount.RedisCommand(c.Name())
		}
		return next(ctx, cmds)
	}
}
