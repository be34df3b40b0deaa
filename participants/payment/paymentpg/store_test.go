package paymentpg_test

import (
	"testing"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/participants/payment/paymenttest"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
)

func TestStore(t *testing.T) {
	t.Parallel()
	paymenttest.RunStore(t, func(t *testing.T) payment.Store {
		return paymentpg.New(sdktest.Pool(t, paymentpg.Schema))
	})
}
