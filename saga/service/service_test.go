package service

import (
	"context"
	"errors"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"
)

func quiet() *logrus.Entry {
	l := logrus.New()
	l.SetOutput(io.Discard)
	return logrus.NewEntry(l)
}

type recorder struct {
	name  string
	log   *[]string
	start error
}

func (r recorder) Start(context.Context) error {
	*r.log = append(*r.log, "start "+r.name)
	return r.start
}

func (r recorder) Stop(context.Context) error {
	*r.log = append(*r.log, "stop "+r.name)
	return nil
}

func TestRunStartsInOrderAndStopsInReverse(t *testing.T) {
	var log []string
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.NoError(t, Run(ctx, quiet(), recorder{"a", &log, nil}, recorder{"b", &log, nil}))
	require.Equal(t, []string{"start a", "start b", "stop b", "stop a"}, log)
}

func TestRunStopsWhatStartedWhenAStartFails(t *testing.T) {
	var log []string
	boom := errors.New("port taken")
	err := Run(context.Background(), quiet(), recorder{"a", &log, nil}, recorder{"b", &log, boom}, recorder{"c", &log, nil})
	require.ErrorIs(t, err, boom)
	require.Equal(t, []string{"start a", "start b", "stop a"}, log)
}

func TestWaitForRetriesThenGivesUpWithOneLine(t *testing.T) {
	var calls atomic.Int32
	err := WaitFor(context.Background(), quiet(), "PostgreSQL", 0, func(context.Context) error {
		calls.Add(1)
		return errors.New("dial tcp: connection refused\n\tsecond address: refused")
	})
	require.EqualError(t, err, "cannot reach PostgreSQL: dial tcp: connection refused second address: refused")
	require.Equal(t, int32(1), calls.Load())

	calls.Store(0)
	err = WaitFor(context.Background(), quiet(), "Redis", time.Minute, func(context.Context) error {
		if calls.Add(1) == 1 {
			return errors.New("not yet")
		}
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, int32(2), calls.Load())
}

func TestEveryRunsUntilStopped(t *testing.T) {
	var passes atomic.Int32
	e := &Every{Name: "test", Interval: 10 * time.Millisecond, Log: quiet(),
		Fn: func(context.Context) error { passes.Add(1); return errors.New("logged, not fatal") }}
	require.NoError(t, e.Start(context.Background()))
	require.Eventually(t, func() bool { return passes.Load() >= 3 }, 5*time.Second, 5*time.Millisecond)
	require.NoError(t, e.Stop(context.Background()))
	n := passes.Load()
	time.Sleep(50 * time.Millisecond)
	require.Equal(t, n, passes.Load(), "no pass after Stop")
}

func TestEveryWaitsWhatNextSays(t *testing.T) {
	var passes atomic.Int32
	e := &Every{Name: "test", Interval: time.Millisecond, Log: quiet(),
		Fn: func(context.Context) error { passes.Add(1); return nil },
		Next: func() time.Duration {
			if passes.Load() >= 3 {
				return time.Hour
			}
			return time.Millisecond
		}}
	require.NoError(t, e.Start(context.Background()))
	t.Cleanup(func() { require.NoError(t, e.Stop(context.Background())) })
	require.Eventually(t, func() bool { return passes.Load() >= 3 }, 5*time.Second, time.Millisecond)
	time.Sleep(50 * time.Millisecond)
	require.EqualValues(t, 3, passes.Load(), "a pass before the hour Next asked for")
}
