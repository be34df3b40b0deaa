package paymenttest

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
)

func testCharge(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 5000)
	require.Empty(t, Charge(t, s, saga.NewID(), "c1", 1250))
	RequireBalance(t, s, "c1", 3750)
}

func testChargeAll(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 500)
	require.Empty(t, Charge(t, s, saga.NewID(), "c1", 500))
	require.Empty(t, Charge(t, s, saga.NewID(), "c1", 0), "a zero charge always fits")
	RequireBalance(t, s, "c1", 0)
}

func testInsufficient(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 499)
	require.Equal(t, payment.ReasonInsufficientFunds, Charge(t, s, saga.NewID(), "c1", 500))
	RequireBalance(t, s, "c1", 499)
}

func testUnknownAccount(t *testing.T, s payment.Store) {
	require.Equal(t, "unknown account c9", Charge(t, s, saga.NewID(), "c9", 1))
	_, err := s.GetAccount(sdktest.Context(t), "c9")
	require.ErrorIs(t, err, saga.ErrNotFound, "no account was created")
}

func testNegativeAmount(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 500)
	require.NotEmpty(t, Charge(t, s, saga.NewID(), "c1", -100))
	RequireBalance(t, s, "c1", 500)
}

func testNoDoubleCharge(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 5000)
	sagaID := saga.NewID()
	require.Empty(t, Charge(t, s, sagaID, "c1", 1000))
	require.Empty(t, Charge(t, s, sagaID, "c1", 1000), "charged already: success, no change")
	RequireBalance(t, s, "c1", 4000)
}

func testRefundOnce(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 5000)
	sagaID := saga.NewID()
	require.Empty(t, Charge(t, s, sagaID, "c1", 1000))
	Refund(t, s, sagaID)
	RequireBalance(t, s, "c1", 5000)
	Refund(t, s, sagaID)
	RequireBalance(t, s, "c1", 5000)
}

func testRefundNothing(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 5000)
	require.Empty(t, Charge(t, s, saga.NewID(), "c1", 1000))
	Refund(t, s, saga.NewID())
	RequireBalance(t, s, "c1", 4000)
}

func testChargeAfterRefund(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 5000)
	sagaID := saga.NewID()
	require.Empty(t, Charge(t, s, sagaID, "c1", 1000))
	Refund(t, s, sagaID)
	require.Equal(t, payment.ReasonRefunded, Charge(t, s, sagaID, "c1", 1000))
	RequireBalance(t, s, "c1", 5000)
}

// testConcurrent charges one account from many goroutines: exactly the
// balance is spent, never more.
func testConcurrent(t *testing.T, s payment.Store) {
	const sagas, balance = 16, 5
	SetBalance(t, s, "c1", balance)
	var wg sync.WaitGroup
	failures := make(chan string, sagas)
	errs := make(chan error, sagas)
	for range sagas {
		wg.Go(func() {
			failure, err := chargeOnce(sdktest.Context(t), s, saga.NewID(), "c1", 1)
			failures <- failure
			errs <- err
		})
	}
	wg.Wait()
	close(failures)
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	ok := 0
	for f := range failures {
		if f == "" {
			ok++
		}
	}
	require.Equal(t, balance, ok)
	RequireBalance(t, s, "c1", 0)
}
