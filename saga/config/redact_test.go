package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRedactURLMasksThePassword(t *testing.T) {
	for in, want := range map[string]string{
		"redis://127.0.0.1:6379/0":                        "redis://127.0.0.1:6379/0",
		"redis://:s3cret@127.0.0.1:6379/0":                "redis://:xxxxx@127.0.0.1:6379/0",
		"redis://default:s3cret@127.0.0.1:6379/0":         "redis://default:xxxxx@127.0.0.1:6379/0",
		"rediss://s3cret@redis.example:6380":              "rediss://xxxxx@redis.example:6380",
		"redis://u:s3c@ret@host:6379/0?addr=other:1":      "redis://u:xxxxx@host:6379/0?addr=other:1",
		"redis://u:s3cr%zzet@[bad/0":                      "redis://u:xxxxx@[bad/0",
		"postgres://app:s3cret@db:5432/x?sslmode=disable": "postgres://app:xxxxx@db:5432/x?sslmode=disable",
	} {
		require.Equal(t, want, RedactURL(in), in)
	}
}
