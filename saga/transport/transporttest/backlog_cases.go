package transporttest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// testBacklogs checks BacklogReader, on transports that have it: a group
// that stopped reading has the messages published since waiting, with
// when the oldest was published and a position that stays; once it reads
// them, nothing waits and its position has moved.
func testBacklogs(t *testing.T, tr Transport) {
	br, ok := tr.(transport.BacklogReader)
	if !ok {
		t.Skip("the transport does not read backlogs")
	}
	require.Empty(t, backlogsOf(t, br), "a stream nobody published to has backlogs")

	first := newRecorder(ack)
	sub := subscribe(t, tr, transport.SubscriptionConfig{}, first.handle)
	subscribe(t, tr, transport.SubscriptionConfig{Group: "other-group"}, newRecorder(ack).handle)
	stopped := subscribe(t, tr, transport.SubscriptionConfig{Stream: otherStream}, newRecorder(ack).handle)
	stop(t, stopped)
	publish(t, tr, message(testStream, "s1", "m1"), message(otherStream, "s1", "o1"))
	first.waitCount(t, "m1", 1)
	stop(t, sub)
	caughtUp := groupBacklog(t, backlogsOf(t, br), testGroup)
	require.Zero(t, caughtUp.waiting, "messages wait after the group read them all")
	require.True(t, caughtUp.oldest.IsZero(), "an oldest waiting message when none waits")

	before := time.Now()
	publish(t, tr, message(testStream, "s1", "m2"), message(testStream, "s1", "m3"))
	behind := groupBacklog(t, backlogsOf(t, br), testGroup)
	require.NotZero(t, behind.waiting, "nothing waits for a group that stopped reading")
	require.True(t, behind.waiting == 2 || behind.waiting == -1, "waiting %d, want 2 (or -1: not counted)", behind.waiting)
	require.WithinRange(t, behind.oldest, before.Add(-time.Second), time.Now().Add(time.Second))
	require.Equal(t, caughtUp.positions, behind.positions, "the position moved while the group read nothing")

	again := newRecorder(ack)
	subscribe(t, tr, transport.SubscriptionConfig{}, again.handle)
	again.waitCount(t, "m3", 1)
	require.Eventually(t, func() bool {
		now := groupBacklog(t, backlogsOf(t, br), testGroup)
		return now.waiting == 0 && now.oldest.IsZero()
	}, WaitTimeout, 10*time.Millisecond, "messages still wait after the group read them")
	require.NotEqual(t, behind.positions, groupBacklog(t, backlogsOf(t, br), testGroup).positions)

	var other []transport.Backlog
	for _, b := range backlogsOf(t, br) {
		if b.Stream == otherStream {
			other = append(other, b)
		}
	}
	require.NotEmpty(t, other, "no backlog of the second stream read at once")
	var oldest time.Time
	for _, b := range other {
		require.Equal(t, testGroup, b.Group)
		if !b.OldestWaitingSince.IsZero() {
			oldest = b.OldestWaitingSince
		}
	}
	require.False(t, oldest.IsZero(), "the message of the second stream's stopped group does not wait")
}

// otherStream is the second stream the backlog case reads with testStream.
const otherStream = "suite.other"

func backlogsOf(t *testing.T, br transport.BacklogReader) []transport.Backlog {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), WaitTimeout)
	defer cancel()
	bs, err := br.Backlogs(ctx, testStream, otherStream)
	require.NoError(t, err)
	return bs
}

// groupFigures are one group's backlogs over every part of the stream.
type groupFigures struct {
	waiting   int64 // -1 when a part could not count
	oldest    time.Time
	positions map[string]string // by part
}

// groupBacklog sums the backlogs of group, which must be there.
func groupBacklog(t *testing.T, bs []transport.Backlog, group string) groupFigures {
	t.Helper()
	g := groupFigures{positions: map[string]string{}}
	for _, b := range bs {
		if b.Stream != testStream || b.Group != group {
			continue
		}
		g.positions[b.Part] = b.Position
		switch {
		case b.Waiting < 0 || g.waiting < 0:
			g.waiting = -1
		default:
			g.waiting += b.Waiting
		}
		if !b.OldestWaitingSince.IsZero() && (g.oldest.IsZero() || b.OldestWaitingSince.Before(g.oldest)) {
			g.oldest = b.OldestWaitingSince
		}
	}
	require.NotEmpty(t, g.positions, "no backlog of group %s in %+v", group, bs)
	return g
}
