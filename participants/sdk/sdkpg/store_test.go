package sdkpg_test

import (
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/participants/sdk/sdkpg"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga/pg"
)

func newStore(t *testing.T) sdkpg.Store[pg.Messaging] {
	return sdkpg.NewStore(sdktest.Pool(t, "inventory"), func(tx pgx.Tx) pg.Messaging { return pg.NewMessaging(tx) })
}

func TestMessaging(t *testing.T) {
	t.Parallel()
	sdktest.RunTx(t, func(t *testing.T) sdk.Store[pg.Messaging] { return newStore(t) })
}

func TestPing(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	require.NoError(t, s.Ping(t.Context()))
	s.Pool.Close()
	require.ErrorContains(t, s.Ping(t.Context()), "pinging PostgreSQL")
}
