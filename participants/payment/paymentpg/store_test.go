package paymentpg_test

import (
	"testing"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/participants/payment/paymenttest"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// newTestStore returns a store over a fresh database of its own.
func newTestStore(t *testing.T) payment.Store {
	t.Helper()
	pool, err := pg.Connect(t.Context(), testenv.Database(t), paymentpg.Schema)
	if err != nil {
		t.Fatalf("connecting: %v", err)
	}
	t.Cleanup(pool.Close)
	return paymentpg.New(pool)
}

func TestStore(t *testing.T) {
	t.Parallel()
	paymenttest.RunStore(t, newTestStore)
}
