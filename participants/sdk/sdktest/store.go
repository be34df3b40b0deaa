package sdktest

import (
	"testing"

	"github.com/streamsaga/streamsaga/participants/sdk"
)

// Case is one case of a service store's suite.
type Case[S any] struct {
	Name string
	Run  func(t *testing.T, s S)
}

// RunStore runs cases, in parallel, then the messaging suite RunTx.
// newStore must return an empty store of its own for each call.
func RunStore[T sdk.Tx, S sdk.Store[T]](t *testing.T, newStore func(t *testing.T) S, cases []Case[S]) {
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			c.Run(t, newStore(t))
		})
	}
	t.Run("Messaging", func(t *testing.T) {
		RunTx(t, func(t *testing.T) sdk.Store[T] { return newStore(t) })
	})
}
