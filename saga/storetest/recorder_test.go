package storetest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

func TestRecorder(t *testing.T) {
	rec := storetest.NewRecorder()
	boom := errors.New("boom")
	rec.SetHook(func(call int, _ []outbox.Message) error {
		if call == 1 {
			return boom
		}
		return nil
	})
	a, b := storetest.NewMessage("p", 0), storetest.NewMessage("p", 1)
	require.ErrorIs(t, rec.Publish(t.Context(), []outbox.Message{a}), boom)
	require.Empty(t, rec.Messages(), "a failed batch is not recorded")

	go func() { _ = rec.Publish(context.Background(), []outbox.Message{a, b}) }()
	got := rec.WaitFor(t, 2, 5*time.Second)
	storetest.RequireSame(t, []outbox.Message{a, b}, got)
	storetest.RequireDelivered(t, []outbox.Message{a, b}, got)
	require.Equal(t, 2, rec.Calls())

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.ErrorIs(t, rec.Publish(ctx, []outbox.Message{a}), context.Canceled)
}
