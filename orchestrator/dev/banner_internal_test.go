package dev

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// The start-up lines name REDIS_URL without its password.
func TestStartRedisHidesThePassword(t *testing.T) {
	testenv.Redis(t) // skips, or fails when required, without a Redis
	u, err := url.Parse(testenv.RedisURL())
	require.NoError(t, err)
	u.User = url.UserPassword("default", "s3cret") // a user without a password takes any
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r, err := startRedis(ctx, Options{RedisURL: u.String()}, config.Config{StreamShards: 16})
	require.NoError(t, err)
	defer r.stop()
	require.NotContains(t, r.where, "s3cret")
	require.Contains(t, r.where, "default:xxxxx@")
}
