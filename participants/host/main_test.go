package host_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/host"
)

func TestMainExitCodes(t *testing.T) {
	t.Setenv("LOG_LEVEL", "loud")
	require.Equal(t, host.ExitConfig, host.Main(inventoryService()))

	t.Setenv("LOG_LEVEL", "panic")
	t.Setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:1/none?sslmode=disable")
	t.Setenv("STARTUP_TIMEOUT", "0s")
	require.Equal(t, host.ExitFailed, host.Main(inventoryService()))
}
