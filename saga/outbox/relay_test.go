package outbox_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	logtest "github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// startRelay starts a relay over src, stopped when t ends.
func startRelay(t *testing.T, src outbox.Source, pub outbox.Publisher, cfg outbox.RelayConfig) *outbox.Relay {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = storetest.QuietLogger()
	}
	r, err := outbox.NewRelay(src, pub, cfg)
	require.NoError(t, err)
	require.NoError(t, r.Start(t.Context()))
	t.Cleanup(func() { storetest.StopRelay(t, r) })
	return r
}

func messages(n int) []outbox.Message {
	msgs := make([]outbox.Message, n)
	for i := range msgs {
		msgs[i] = storetest.NewMessage("a", i)
	}
	return msgs
}

// receive waits for a value on ch.
func receive(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
}

func TestNewRelayValidates(t *testing.T) {
	src, pub := newFakeSource(), storetest.NewRecorder()
	for name, cfg := range map[string]outbox.RelayConfig{
		"BatchSize":    {BatchSize: -1},
		"PollInterval": {PollInterval: -time.Second},
		"MaxBackoff":   {MaxBackoff: -time.Second},
		"PassTimeout":  {PassTimeout: -time.Second},
	} {
		_, err := outbox.NewRelay(src, pub, cfg)
		require.ErrorContains(t, err, name)
	}
	_, err := outbox.NewRelay(nil, pub, outbox.RelayConfig{})
	require.Error(t, err)
	_, err = outbox.NewRelay(src, nil, outbox.RelayConfig{})
	require.Error(t, err)
}

// Full batches are published back to back, without waiting for a poll.
func TestRelayDrainsFullBatchesBackToBack(t *testing.T) {
	src, rec := newFakeSource(), storetest.NewRecorder()
	want := messages(10)
	src.add(want...)
	startRelay(t, src, rec, outbox.RelayConfig{BatchSize: 3, PollInterval: time.Hour})
	storetest.RequireSame(t, want, rec.WaitFor(t, len(want), 5*time.Second))
	require.Equal(t, 4, rec.Calls(), "3+3+3+1")
}

// The relay publishes as soon as Wait returns, long before a poll.
func TestRelayWakesWhenWaitReturns(t *testing.T) {
	src, rec := newFakeSource(), storetest.NewRecorder()
	startRelay(t, src, rec, outbox.RelayConfig{PollInterval: time.Hour})
	receive(t, src.waiting, "the relay to wait")
	want := messages(2)
	src.add(want...)
	storetest.RequireSame(t, want, rec.WaitFor(t, 2, 5*time.Second))
}

// Failed passes are logged once each and retried after growing pauses;
// once the store answers again, the backlog is published.
func TestRelayBacksOffOnErrors(t *testing.T) {
	src, rec := newFakeSource(), storetest.NewRecorder()
	src.setErr(errors.New("connection refused"))
	src.add(messages(3)...)
	logger, logs := logtest.NewNullLogger()
	start := time.Now()
	startRelay(t, src, rec, outbox.RelayConfig{MaxBackoff: 40 * time.Millisecond, Logger: logrus.NewEntry(logger)})
	for range 5 {
		receive(t, src.entered, "a pass")
	}
	require.GreaterOrEqual(t, time.Since(start), 4*40*time.Millisecond, "a pause after each failure")
	require.GreaterOrEqual(t, len(logs.AllEntries()), 4, "one line per failure")
	entry := logs.AllEntries()[0]
	require.Equal(t, logrus.ErrorLevel, entry.Level)
	require.Equal(t, "outbox relay pass failed; retrying in 40ms", entry.Message)
	require.EqualError(t, entry.Data[logrus.ErrorKey].(error), "connection refused")

	src.setErr(nil)
	rec.WaitFor(t, 3, 5*time.Second)
	passes := src.passCount()
	require.Less(t, passes, 5+10, "no hot loop")
}

// Stop cancels the loop and waits for it, but not past its deadline.
func TestRelayStopHonoursDeadline(t *testing.T) {
	src, rec := newFakeSource(), storetest.NewRecorder()
	src.hold = make(chan struct{})
	r := startRelay(t, src, rec, outbox.RelayConfig{})
	receive(t, src.entered, "a pass")
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, r.Stop(ctx), context.DeadlineExceeded)
	close(src.hold)
	storetest.StopRelay(t, r)
}

func TestRelayLifecycle(t *testing.T) {
	src, rec := newFakeSource(), storetest.NewRecorder()
	r, err := outbox.NewRelay(src, rec, outbox.RelayConfig{Logger: storetest.QuietLogger()})
	require.NoError(t, err)
	require.NoError(t, r.Stop(t.Context()), "stopping a relay never started")

	ctx, cancel := context.WithCancel(t.Context())
	require.NoError(t, r.Start(ctx))
	require.Error(t, r.Start(ctx), "already started")
	cancel()
	storetest.StopRelay(t, r)

	require.NoError(t, r.Start(t.Context()), "started again")
	src.add(messages(1)...)
	rec.WaitFor(t, 1, 5*time.Second)
	storetest.StopRelay(t, r)
}
