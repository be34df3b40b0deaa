package stream

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

func newTestConsumer(cfg ConsumerConfig) (*Consumer, error) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:0"}) // never dialled
	defer rdb.Close()
	return NewConsumer(rdb, Keys{}, cfg, func(context.Context, Message) error { return nil })
}

func TestConsumerConfigDefaults(t *testing.T) {
	c, err := newTestConsumer(ConsumerConfig{Stream: "s", Group: "g"})
	require.NoError(t, err)
	cfg := c.Config()
	require.Equal(t, time.Second, cfg.Block, "zero Block is the default, not BLOCK 0 (forever)")
	require.Equal(t, int64(256), cfg.Count)
	require.Equal(t, 30*time.Second, cfg.MinIdle)
	require.Equal(t, 5*time.Second, cfg.ClaimInterval)
	require.Equal(t, int64(5), cfg.MaxDeliveries)
	require.Equal(t, DefaultMaxLen, cfg.DLQMaxLen)
	require.NotNil(t, cfg.Logger)
	require.Contains(t, cfg.Name, fmt.Sprintf("-%d-", os.Getpid()))

	other, err := newTestConsumer(ConsumerConfig{Stream: "s", Group: "g"})
	require.NoError(t, err)
	require.NotEqual(t, cfg.Name, other.Config().Name, "default names are unique")
}

func TestConsumerConfigInvalid(t *testing.T) {
	for name, cfg := range map[string]ConsumerConfig{
		"no stream":          {Group: "g"},
		"no group":           {Stream: "s"},
		"negative block":     {Stream: "s", Group: "g", Block: -time.Second},
		"sub-ms block":       {Stream: "s", Group: "g", Block: 500 * time.Microsecond},
		"negative min idle":  {Stream: "s", Group: "g", MinIdle: -1},
		"negative count":     {Stream: "s", Group: "g", Count: -1},
		"negative max deliv": {Stream: "s", Group: "g", MaxDeliveries: -1},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := newTestConsumer(cfg)
			require.Error(t, err)
		})
	}
}

func TestNewConsumerRejectsNils(t *testing.T) {
	_, err := NewConsumer(nil, Keys{}, ConsumerConfig{Stream: "s", Group: "g"}, func(context.Context, Message) error { return nil })
	require.Error(t, err)
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:0"})
	defer rdb.Close()
	_, err = NewConsumer(rdb, Keys{}, ConsumerConfig{Stream: "s", Group: "g"}, nil)
	require.Error(t, err)
}
