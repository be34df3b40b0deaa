package runner_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
)

func TestParallelGroupCompletesThroughTheRunner(t *testing.T) {
	f := newTrip(t)
	id := f.start(t)
	seats, room := f.command(t, id, "HoldSeats"), f.command(t, id, "BookRoom")
	for _, typ := range []string{"HoldSeats", "BookRoom"} {
		rows, _ := f.sent(t, id, typ)
		require.Equal(t, 1, rows, typ)
	}
	inst := f.saga(t, id)
	require.Equal(t, "hold", inst.Steps[0].Group)
	require.Equal(t, *inst.Steps[0].Deadline, *inst.NextDeadline(), "the earliest member's deadline")

	// The room answers first, twice, and the seats in the same read.
	booked := replyTo(room, "RoomBooked")
	again := replyTo(room, "RoomBooked")
	f.read(t, booked, replyTo(seats, "SeatsHeld"), booked, again)
	rows, _ := f.sent(t, id, "Pay")
	require.Equal(t, 1, rows, "the next step starts once")
	inst = f.saga(t, id)
	require.Equal(t, int64(2), inst.Version, "one save for the read")
	require.Equal(t, []saga.StepState{saga.StepSucceeded, saga.StepSucceeded, saga.StepRunning},
		[]saga.StepState{inst.Steps[0].State, inst.Steps[1].State, inst.Steps[2].State})

	f.read(t, replyTo(f.command(t, id, "Pay"), "Paid"))
	require.Equal(t, saga.StateCompleted, f.saga(t, id).State)
	require.Equal(t, []string{id + " COMPLETED"}, f.finished)
	require.Equal(t, []string{"saga_started ", "command_sent seats", "command_sent room",
		"reply_received room", "reply_received seats", "command_sent pay", "reply_received room", "reply_ignored room",
		"reply_received pay", "state_changed "}, f.history(t, id))
	require.EqualValues(t, 1, f.outcomes(t, "room", runner.OutcomeSucceeded))
	require.EqualValues(t, 1, f.outcomes(t, "seats", runner.OutcomeSucceeded))
}

func TestParallelGroupFailureThroughTheRunner(t *testing.T) {
	f := newTrip(t)
	id := f.start(t)
	room := f.command(t, id, "BookRoom")
	refused := replyTo(f.command(t, id, "HoldSeats"), "NoSeats")
	refused.Error = &saga.ReplyError{Message: "sold out"}
	f.read(t, refused)

	inst := f.saga(t, id)
	require.Equal(t, saga.StateCompensating, inst.State)
	require.Equal(t, "sold out", inst.Failure)
	rows, _ := f.sent(t, id, "CancelRoom")
	require.Equal(t, 1, rows, "the room may have been booked: it is cancelled")
	rows, _ = f.sent(t, id, "ReleaseSeats")
	require.Zero(t, rows, "the seats were refused: nothing to undo")
	require.EqualValues(t, 1, f.outcomes(t, "room", runner.OutcomeAbandoned))
	require.EqualValues(t, 1, f.outcomes(t, "seats", runner.OutcomeFailed))

	// The room's late answer revives nothing; the cancellation ends the saga.
	f.read(t, replyTo(room, "RoomBooked"), replyTo(f.command(t, id, "CancelRoom"), "RoomCancelled"))
	inst = f.saga(t, id)
	require.Equal(t, saga.StateCompensated, inst.State)
	require.Equal(t, saga.StepCompensated, inst.Steps[1].State)
	rows, _ = f.sent(t, id, "Pay")
	require.Zero(t, rows)
	require.Equal(t, []string{id + " COMPENSATED"}, f.finished)
	require.Contains(t, f.history(t, id), "step_abandoned room")
	require.Nil(t, inst.NextDeadline())
}

func TestParallelGroupMembersKeepTheirOwnTimers(t *testing.T) {
	f := newTrip(t)
	id := f.start(t)
	require.Zero(t, f.fire(t, 500*time.Millisecond), "nothing is due yet")
	require.Equal(t, 1, f.fire(t, 600*time.Millisecond), "the seats' deadline")
	rows, ids := f.sent(t, id, "HoldSeats")
	require.Equal(t, []int{2, 1}, []int{rows, ids}, "sent again under the same id")
	rows, _ = f.sent(t, id, "BookRoom")
	require.Equal(t, 1, rows, "the room still has time")
	require.Zero(t, f.fire(t, 500*time.Millisecond), "the next deadline is the seats' new one")

	room := f.command(t, id, "BookRoom")
	f.read(t, replyTo(room, "RoomBooked"))
	require.Equal(t, 1, f.fire(t, 600*time.Millisecond), "the seats' last attempt expires")
	inst := f.saga(t, id)
	require.Equal(t, saga.StateCompensating, inst.State)
	require.Contains(t, inst.Failure, "step seats: no reply after 2 attempts")
	release, cancel := f.command(t, id, "ReleaseSeats"), f.command(t, id, "CancelRoom")
	require.EqualValues(t, 1, f.outcomes(t, "seats", runner.OutcomeGaveUp))

	f.read(t, replyTo(cancel, "RoomCancelled"))
	require.Equal(t, saga.StateCompensating, f.saga(t, id).State, "the seats are still being released")
	f.read(t, replyTo(release, "SeatsReleased"))
	require.Equal(t, saga.StateCompensated, f.saga(t, id).State)
	require.Equal(t, []string{id + " COMPENSATED"}, f.finished)
}

// The members' answers race in separate transactions, each delivered
// twice: the version check makes one of each count, and the next step
// starts once.
func TestRacingMemberRepliesAdvanceOnce(t *testing.T) {
	f := newTrip(t)
	id := f.start(t)
	answers := []saga.Envelope{replyTo(f.command(t, id, "HoldSeats"), "SeatsHeld"),
		replyTo(f.command(t, id, "BookRoom"), "RoomBooked")}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			env := answers[i%2]
			if i >= 4 {
				env.MessageID = saga.NewID() // the same answer under another id
			}
			errs <- f.runner.HandleReply(ctx, entry(t, env))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	rows, _ := f.sent(t, id, "Pay")
	require.Equal(t, 1, rows)
	inst := f.saga(t, id)
	require.Equal(t, saga.StepSucceeded, inst.Steps[0].State)
	require.Equal(t, saga.StepSucceeded, inst.Steps[1].State)
	require.Equal(t, saga.StepRunning, inst.Steps[2].State)
	require.Equal(t, int64(3), inst.Version, "one save per member")
}
