package memory_test

import (
	"testing"
	"time"

	"github.com/streamsaga/streamsaga/saga/transport/memory"
	"github.com/streamsaga/streamsaga/saga/transport/transporttest"
)

func TestConformance(t *testing.T) {
	transporttest.Run(t, func(*testing.T) transporttest.Transport {
		return memory.New(memory.Config{RetryDelay: 10 * time.Millisecond})
	})
}
