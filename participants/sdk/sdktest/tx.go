package sdktest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/sdk"
)

var errRollback = errors.New("roll back on purpose")

// Context returns a context that ends with the test or after 30s.
func Context(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// InTx runs fn in a transaction of s and returns its value once committed.
func InTx[T sdk.Tx, V any](ctx context.Context, s sdk.Store[T], fn func(ctx context.Context, tx T) (V, error)) (V, error) {
	var v V
	err := s.InTx(ctx, func(ctx context.Context, tx T) error {
		var err error
		v, err = fn(ctx, tx)
		return err
	})
	return v, err
}

// MustInTx is InTx requiring success.
func MustInTx[T sdk.Tx, V any](t *testing.T, s sdk.Store[T], fn func(ctx context.Context, tx T) (V, error)) V {
	t.Helper()
	v, err := InTx(Context(t), s, fn)
	require.NoError(t, err)
	return v
}

// Exec runs fn in a transaction of s, requiring success.
func Exec[T sdk.Tx](t *testing.T, s sdk.Store[T], fn func(ctx context.Context, tx T) error) {
	t.Helper()
	require.NoError(t, s.InTx(Context(t), fn))
}

// RollBack runs fn in a transaction of s, requiring success, then rolls
// the transaction back.
func RollBack[T sdk.Tx](t *testing.T, s sdk.Store[T], fn func(ctx context.Context, tx T) error) {
	t.Helper()
	err := s.InTx(Context(t), func(ctx context.Context, tx T) error {
		if err := fn(ctx, tx); err != nil {
			return err
		}
		return errRollback
	})
	require.ErrorIs(t, err, errRollback)
}
