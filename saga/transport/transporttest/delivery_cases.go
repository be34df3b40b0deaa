package transporttest

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/transport"
)

func testDeliversOnceWithFields(t *testing.T, tr Transport) {
	r := newRecorder(ack)
	subscribe(t, tr, transport.SubscriptionConfig{}, r.handle)
	sent := []transport.Outgoing{message(testStream, "s1", "m1"), message(testStream, "s2", "m2"), message(testStream, "s1", "m3")}
	publish(t, tr, sent...)
	passBarrier(t, tr, r)

	got, _ := r.snapshot()
	for _, o := range sent {
		ds := deliveriesOf(got, o.MessageID)
		require.Len(t, ds, 1, "deliveries of %s", o.MessageID)
		require.Equal(t, o.Fields(), ds[0].Fields)
		require.Equal(t, testStream, ds[0].Stream)
		require.EqualValues(t, 1, ds[0].Deliveries)
		require.NotEmpty(t, ds[0].ID)
		require.Equal(t, o.Payload, ds[0].Envelope())
	}
}

func testEveryGroupGetsEveryMessage(t *testing.T, tr Transport) {
	a, b := newRecorder(ack), newRecorder(ack)
	subscribe(t, tr, transport.SubscriptionConfig{Group: "group-a"}, a.handle)
	subscribe(t, tr, transport.SubscriptionConfig{Group: "group-b"}, b.handle)
	publish(t, tr, message(testStream, "s1", "m1"), message(testStream, "s2", "m2"))
	for _, r := range []*recorder{a, b} {
		r.waitCount(t, "m1", 1)
		r.waitCount(t, "m2", 1)
	}
}

func testAckSurvivesRestart(t *testing.T, tr Transport) {
	first := newRecorder(ack)
	sub := subscribe(t, tr, transport.SubscriptionConfig{}, first.handle)
	publish(t, tr, message(testStream, "s1", "m1"))
	first.waitCount(t, "m1", 1)
	stop(t, sub)

	again := newRecorder(ack)
	subscribe(t, tr, transport.SubscriptionConfig{}, again.handle)
	passBarrier(t, tr, again)
	got, _ := again.snapshot()
	require.Zero(t, count(got, "m1"), "an acknowledged message came back after a restart")
	before, _ := first.snapshot()
	require.Len(t, before, 1, "the stopped subscription got more deliveries")
}

func testPartitionOrder(t *testing.T, tr Transport) {
	r := newRecorder(ack)
	subscribe(t, tr, transport.SubscriptionConfig{}, r.handle)
	var want = map[string][]string{}
	for batch := range 3 {
		var msgs []transport.Outgoing
		for i := range 10 {
			key := fmt.Sprintf("saga-%d", i%3)
			id := fmt.Sprintf("m-%d-%d", batch, i)
			msgs = append(msgs, message(testStream, key, id))
			want[key] = append(want[key], id)
		}
		publish(t, tr, msgs...)
	}
	got := r.waitFor(t, "30 messages", func(got []transport.Message) bool { return len(got) >= 30 })
	order := map[string][]string{}
	for _, m := range got {
		order[m.PartitionKey()] = append(order[m.PartitionKey()], m.MessageID())
	}
	require.Equal(t, want, order)
}

// testLingerDeliversEverything: a subscription paced by a Linger of its
// own gets every message once, in order per partition key, also those
// that arrive while it waits between reads; a negative Linger is refused.
func testLingerDeliversEverything(t *testing.T, tr Transport) {
	_, err := tr.Subscribe(transport.SubscriptionConfig{Stream: testStream, Group: testGroup, Linger: -time.Millisecond},
		newRecorder(ack).handle)
	require.ErrorContains(t, err, "Linger")

	r := newRecorder(ack)
	subscribe(t, tr, transport.SubscriptionConfig{Linger: 100 * time.Millisecond}, r.handle)
	var want []string
	for i := range 8 {
		id := fmt.Sprintf("m-%d", i)
		publish(t, tr, message(testStream, "saga-1", id))
		want = append(want, id)
		time.Sleep(15 * time.Millisecond) // some arrive during a read's wait
	}
	passBarrier(t, tr, r)
	got, _ := r.snapshot()
	var order []string
	for _, m := range got {
		if m.PartitionKey() == "saga-1" {
			order = append(order, m.MessageID())
		}
	}
	require.Equal(t, want, order, "each message once, in publish order")
}
