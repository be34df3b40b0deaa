package transporttest

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// rejectOnce dead-letters the first delivery of each message id and
// acknowledges every later one, so a replayed message is handled.
func rejectOnce() func(transport.Message) error {
	var seen sync.Map
	return func(m transport.Message) error {
		if _, again := seen.LoadOrStore(m.MessageID(), true); again {
			return nil
		}
		return saga.Permanent(errBoom)
	}
}

func testReplay(t *testing.T, tr Transport) {
	ctx := t.Context()
	r := newRecorder(rejectOnce())
	subscribe(t, tr, transport.SubscriptionConfig{}, r.handle)
	sent := []transport.Outgoing{message(testStream, "s1", "m1"), message(testStream, "s2", "m2")}
	// Messages of two partition keys may be handled in any order: m2 is
	// published once m1 is a dead letter, so that it is the newest.
	publish(t, tr, sent[0])
	waitDeadLetters(t, tr, testStream, 1)
	publish(t, tr, sent[1])
	dls := waitDeadLetters(t, tr, testStream, 2)
	require.Equal(t, "m2", dls[0].Fields[transport.FieldMessageID], "newest first")
	newest, err := tr.List(ctx, testStream, transport.ListOpts{Limit: 1})
	require.NoError(t, err)
	require.Equal(t, dls[:1], newest)

	ofShard, err := tr.List(ctx, testStream, transport.ListOpts{Shard: &dls[1].Shard})
	require.NoError(t, err)
	require.Contains(t, ofShard, dls[1], "a dead letter is listed with its shard's")
	for _, dl := range ofShard {
		require.Equal(t, dls[1].Shard, dl.Shard)
	}

	one, err := tr.Get(ctx, testStream, dls[1].ID)
	require.NoError(t, err)
	require.Equal(t, dls[1], one)
	require.Equal(t, sent[0].Fields(), one.Fields)

	newID, err := tr.Replay(ctx, testStream, one.ID)
	require.NoError(t, err)
	got := deliveriesOf(r.waitCount(t, "m1", 2), "m1")
	require.Equal(t, newID, got[1].ID)
	require.NotEqual(t, got[0].ID, got[1].ID)
	require.Equal(t, sent[0].Fields(), got[1].Fields)

	left, err := tr.List(ctx, testStream, transport.ListOpts{})
	require.NoError(t, err)
	require.Len(t, left, 1)
	require.Equal(t, dls[0].ID, left[0].ID)
	_, err = tr.Get(ctx, testStream, one.ID)
	require.ErrorIs(t, err, transport.ErrNotFound)
	_, err = tr.Replay(ctx, testStream, one.ID)
	require.ErrorIs(t, err, transport.ErrNotFound, "a dead letter was replayed twice")
}

func testUnknownDeadLetter(t *testing.T, tr Transport) {
	ctx := t.Context()
	dls, err := tr.List(ctx, testStream, transport.ListOpts{Limit: 10})
	require.NoError(t, err)
	require.Empty(t, dls)
	_, err = tr.Get(ctx, testStream, "no-such-id")
	require.ErrorIs(t, err, transport.ErrNotFound)
	require.ErrorIs(t, err, saga.ErrNotFound)
	first, none := 0, 100000
	dls, err = tr.List(ctx, testStream, transport.ListOpts{Shard: &first})
	require.NoError(t, err, "every stream has shard 0")
	require.Empty(t, dls)
	_, err = tr.List(ctx, testStream, transport.ListOpts{Shard: &none})
	require.ErrorIs(t, err, transport.ErrNoShard)
	_, err = tr.Replay(ctx, testStream, "no-such-id")
	require.ErrorIs(t, err, transport.ErrNotFound)
}
