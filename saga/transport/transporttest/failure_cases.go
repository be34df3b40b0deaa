package transporttest

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/transport"
)

var errBoom = errors.New("boom: handler failed")

// failFirst fails the first n deliveries of every message.
func failFirst(n int64) func(transport.Message) error {
	return func(m transport.Message) error {
		if m.Deliveries <= n {
			return errBoom
		}
		return nil
	}
}

func testFailedIsRedelivered(t *testing.T, tr Transport) {
	r := newRecorder(failFirst(1))
	subscribe(t, tr, transport.SubscriptionConfig{}, r.handle)
	sent := message(testStream, "s1", "m1")
	publish(t, tr, sent)
	got := deliveriesOf(r.waitCount(t, "m1", 2), "m1")
	require.EqualValues(t, 1, got[0].Deliveries)
	require.EqualValues(t, 2, got[1].Deliveries)
	require.Equal(t, got[0].ID, got[1].ID)
	require.Equal(t, sent.Fields(), got[1].Fields)
	passBarrier(t, tr, r)
	all, _ := r.snapshot()
	require.Equal(t, 2, count(all, "m1"), "a message handled on its second delivery came back")
}

func testPanicIsRedelivered(t *testing.T, tr Transport) {
	r := newRecorder(func(m transport.Message) error {
		if m.Deliveries == 1 {
			panic("handler bug")
		}
		return nil
	})
	subscribe(t, tr, transport.SubscriptionConfig{}, r.handle)
	publish(t, tr, message(testStream, "s1", "m1"))
	got := deliveriesOf(r.waitCount(t, "m1", 2), "m1")
	require.EqualValues(t, 2, got[1].Deliveries)
}

func testUnavailableIsHeld(t *testing.T, tr Transport) {
	var calls atomic.Int64
	r := newRecorder(func(transport.Message) error {
		if calls.Add(1) <= 2 {
			return saga.Unavailable(errBoom)
		}
		return nil
	})
	subscribe(t, tr, transport.SubscriptionConfig{MaxDeliveries: 2}, r.handle)
	publish(t, tr, message(testStream, "s1", "m1"))
	got := deliveriesOf(r.waitCount(t, "m1", 3), "m1")
	for _, m := range got {
		require.EqualValues(t, 1, m.Deliveries, "a held message's deliveries were counted")
	}
	passBarrier(t, tr, r)
	dls, err := tr.List(t.Context(), testStream, transport.ListOpts{})
	require.NoError(t, err)
	require.Empty(t, dls, "a held message was dead-lettered")
}

func testPermanentDeadLetters(t *testing.T, tr Transport) {
	r := newRecorder(func(transport.Message) error { return saga.Permanent(errBoom) })
	subscribe(t, tr, transport.SubscriptionConfig{}, r.handle)
	sent := message(testStream, "s1", "m1")
	publish(t, tr, sent)
	dl := waitDeadLetters(t, tr, testStream, 1)[0]

	got, _ := r.snapshot()
	require.Equal(t, 1, count(got, "m1"), "a permanently failed message was delivered again")
	require.Equal(t, testStream, dl.Stream)
	require.Equal(t, testGroup, dl.Group)
	require.Equal(t, got[0].ID, dl.SourceID)
	require.Contains(t, dl.Reason, errBoom.Error())
	require.EqualValues(t, 1, dl.Deliveries)
	require.False(t, dl.At.IsZero())
	require.Equal(t, sent.Fields(), dl.Fields)
	require.NotEmpty(t, dl.ID)
}

func testExhaustedDeadLetters(t *testing.T, tr Transport) {
	r := newRecorder(func(transport.Message) error { return errBoom })
	subscribe(t, tr, transport.SubscriptionConfig{MaxDeliveries: 3}, r.handle)
	sent := message(testStream, "s1", "m1")
	publish(t, tr, sent)
	dl := waitDeadLetters(t, tr, testStream, 1)[0]

	got, _ := r.snapshot()
	ds := deliveriesOf(got, "m1")
	require.Len(t, ds, 3)
	for i, m := range ds {
		require.EqualValues(t, i+1, m.Deliveries)
	}
	require.EqualValues(t, 3, dl.Deliveries)
	require.Contains(t, dl.Reason, errBoom.Error())
	require.Equal(t, sent.Fields(), dl.Fields)
	require.Equal(t, ds[0].ID, dl.SourceID)
}
