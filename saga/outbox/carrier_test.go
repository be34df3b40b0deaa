package outbox_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// fakeCarrier keeps what it is given; its test reports the outcomes.
type fakeCarrier struct {
	mu      sync.Mutex
	carried [][]outbox.Message
	sent    []func(error)
}

func (f *fakeCarrier) Carry(msgs []outbox.Message, sent func(error)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.carried = append(f.carried, msgs)
	f.sent = append(f.sent, sent)
}

func (f *fakeCarrier) batches() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.carried)
}

// report tells batch i its outcome.
func (f *fakeCarrier) report(i int, err error) {
	f.mu.Lock()
	sent := f.sent[i]
	f.mu.Unlock()
	sent(err)
}

// A running courier hands messages dispatched under a context with a
// carrier to it and, once they went out, counts them and deletes their
// rows like those it published itself.
func TestCourierHandsMessagesToTheCarrierOfTheContext(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	c := newCourier(t, pub, rm, outbox.CourierConfig{RemoveDelay: -1})
	startCourier(t, c)
	car := &fakeCarrier{}
	msgs := numbered(1, 2)

	c.DispatchContext(outbox.WithCarrier(context.Background(), car), msgs)
	require.Equal(t, 1, car.batches())
	require.Equal(t, outbox.CourierStats{}, c.Stats(), "neither queued nor published before the carrier reports")
	car.report(0, nil)

	rm.waitRemoved(t, 2)
	require.Equal(t, ids(msgs), rm.removedIDs())
	require.Equal(t, outbox.CourierStats{Published: 2}, c.Stats())
	require.Empty(t, pub.Messages(), "the courier did not publish them itself")
}

// Messages the carrier could not send are the courier's: it publishes
// them itself.
func TestCourierPublishesWhatTheCarrierCouldNotSend(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	c := newCourier(t, pub, rm, outbox.CourierConfig{RemoveDelay: -1})
	startCourier(t, c)
	car := &fakeCarrier{}
	msgs := numbered(1, 3)

	c.DispatchContext(outbox.WithCarrier(context.Background(), car), msgs)
	car.report(0, errors.New("connection reset"))

	storetest.RequireSame(t, msgs, pub.WaitFor(t, 3, 5*time.Second))
	rm.waitRemoved(t, 3)
	require.Equal(t, outbox.CourierStats{Published: 3}, c.Stats())
}

// Without a carrier in the context, or before the courier runs, or once
// it is stopping, DispatchContext is Dispatch: the carrier never waits
// for a courier that will not take its outcome.
func TestCourierUsesACarrierOnlyWhileRunning(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	c := newCourier(t, pub, rm, outbox.CourierConfig{})
	car := &fakeCarrier{}
	ctx := outbox.WithCarrier(context.Background(), car)

	msgs := numbered(1, 3)
	c.DispatchContext(ctx, msgs[:1])
	require.Equal(t, 0, car.batches(), "not started")
	require.Equal(t, 1, c.Queued())

	require.NoError(t, c.Start(t.Context()))
	c.DispatchContext(context.Background(), msgs[1:2])
	c.DispatchContext(outbox.WithCarrier(ctx, nil), msgs[2:])
	require.Equal(t, 0, car.batches(), "no carrier, or one removed")
	storetest.RequireSame(t, msgs, pub.WaitFor(t, 3, 5*time.Second))

	stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, c.Stop(stop))
	c.DispatchContext(ctx, numbered(4, 1))
	require.Equal(t, 0, car.batches(), "stopped")
	require.Nil(t, outbox.CarrierFrom(context.Background()))
}
