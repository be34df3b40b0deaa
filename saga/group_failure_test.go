package saga

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// finishCompensation answers the compensations of the steps before the
// group, latest first, and checks the saga ends COMPENSATED.
func finishCompensation(t *testing.T, r *run, before []string, res Result) {
	t.Helper()
	for i := len(before) - 1; i >= 0; i-- {
		name := before[i]
		require.Equal(t, []string{"undo_" + name}, sent(res), "then the earlier steps")
		res = r.reply(name, name+"_undone", "")
	}
	require.Empty(t, res.Messages)
	require.True(t, res.Finished)
	require.Equal(t, StateCompensated, r.inst.State)
}

// A member fails in each of three ways; a, b and c are the group, c has no
// compensation.
func TestGroupMemberFailureCompensatesTheGroup(t *testing.T) {
	cases := []struct {
		name string
		// fail makes b fail with a and c in the states the case names.
		fail func(r *run) Result
		// undo is the compensations the failure sends, together.
		undo   []string
		states []StepState // of a, b, c right after the failure
		lines  []string    // the failure's history lines
	}{
		{"refused after a succeeded", func(r *run) Result {
			r.reply("a", "a_done", "")
			return r.reply("b", "b_refused", "declined")
		}, []string{"undo_a"}, []StepState{compensating, failed, failed},
			[]string{"reply_received b", "state_changed ", "command_sent a", "step_abandoned c"}},
		{"refused while a is pending", func(r *run) Result {
			return r.reply("b", "b_refused", "declined")
		}, []string{"undo_a"}, []StepState{compensating, failed, failed},
			[]string{"reply_received b", "state_changed ", "step_abandoned a", "command_sent a", "step_abandoned c"}},
		{"retries spent after a succeeded", func(r *run) Result {
			r.reply("a", "a_done", "")
			r.def.Steps[r.def.StepIndex("b")].Retry.MaxAttempts = 1
			return r.retryable("b", "b_refused")
		}, []string{"undo_b", "undo_a"}, []StepState{compensating, compensating, failed},
			[]string{"reply_received b", "state_changed ", "command_sent b", "command_sent a", "step_abandoned c"}},
	}
	for _, p := range placements {
		for _, c := range cases {
			t.Run(p.name+"/"+c.name, func(t *testing.T) {
				r := startGroup(t, p.steps, p.before)
				actions := map[string]Outgoing{"a": r.cmds["a"], "b": r.cmds["b"], "c": r.cmds["c"]}
				res := c.fail(r)
				require.Equal(t, StateCompensating, r.inst.State)
				require.Equal(t, c.undo, sent(res))
				require.Equal(t, c.lines, kinds(res))
				idx := r.def.StepIndex("a")
				require.Equal(t, c.states, r.states()[idx:idx+3])
				require.Equal(t, abandonedReason, r.inst.Steps[idx+2].LastError)

				// Late answers to actions change nothing.
				for _, m := range []string{"a", "b", "c"} {
					require.False(t, r.answer(reply(actions[m], m+"_done", "")).Changed, m)
					require.False(t, r.answer(reply(actions[m], m+"_refused", "late")).Changed, m)
				}
				res = Result{}
				for _, u := range c.undo {
					require.Empty(t, res.Messages, "the earlier steps wait for the whole group")
					res = r.reply(u[len("undo_"):], u[len("undo_"):]+"_undone", "")
				}
				finishCompensation(t, r, p.before, res)
				require.Equal(t, StepCompensated, r.inst.Steps[idx].State)
			})
		}
	}
}

func TestLaterFailureCompensatesTheWholeGroupAtOnce(t *testing.T) {
	p := placements[1]
	r := startGroup(t, p.steps, p.before)
	r.reply("c", "c_done", "")
	r.reply("a", "a_done", "")
	r.reply("b", "b_done", "")
	res := r.reply("ship", "ship_refused", "no truck")
	require.Equal(t, []string{"undo_a", "undo_b"}, sent(res), "c needs no undoing")
	require.Equal(t, []StepState{succeeded, compensating, compensating, succeeded, failed}, r.states())
	require.Empty(t, r.reply("b", "b_undone", "").Messages, "a is still being undone")
	finishCompensation(t, r, p.before, r.reply("a", "a_undone", ""))
}

func TestGroupCompensationRetriesOnItsOwn(t *testing.T) {
	p := placements[1]
	r := startGroup(t, p.steps, p.before)
	for _, m := range []string{"a", "b", "c"} {
		r.reply(m, m+"_done", "")
	}
	r.reply("ship", "ship_refused", "no truck")
	first := r.cmds["a"]
	r.retryable("a", "a_undone")
	require.True(t, r.inst.Steps[1].RetryPending)
	require.Empty(t, r.reply("b", "b_undone", "").Messages)
	res := r.due()
	require.Equal(t, []string{"undo_a"}, sent(res))
	require.Equal(t, CommandID(r.inst.ID, "a", "compensation", 2), res.Messages[0].Envelope.MessageID)
	require.False(t, r.answer(reply(first, "a_undone", "")).Changed, "the first try's answer is stale")
	finishCompensation(t, r, p.before, r.reply("a", "a_undone", ""))
}

func TestGivenUpGroupCompensationIsResumedWhole(t *testing.T) {
	p := placements[1]
	r := startGroup(t, p.steps, p.before)
	r.def.Steps[1].Retry.MaxAttempts = 1
	for _, m := range []string{"a", "b", "c"} {
		r.reply(m, m+"_done", "")
	}
	r.reply("ship", "ship_refused", "no truck")
	res := r.retryable("a", "a_undone")
	require.Equal(t, StateFailed, r.inst.State)
	require.Contains(t, r.inst.Failure, "compensation of a")
	require.Nil(t, r.inst.NextDeadline())
	require.False(t, r.reply("b", "b_undone", "").Changed, "the saga waits for an operator")

	res, err := Engine{ReplyTo: "replies"}.Resume(r.def, r.inst, r.now.Add(time.Hour), "ops")
	require.NoError(t, err)
	r.take(res)
	require.Equal(t, StateCompensating, r.inst.State)
	require.Equal(t, []string{"undo_a", "undo_b"}, sent(res), "every compensation of the group still waiting")
	require.Equal(t, []string{"operator_action ", "state_changed ", "command_sent a", "command_sent b"}, kinds(res))
	require.Empty(t, r.reply("a", "a_undone", "").Messages)
	finishCompensation(t, r, p.before, r.reply("b", "b_undone", ""))
}

func TestResumeSendsEveryWaitingMember(t *testing.T) {
	r := startGroup(t, placements[0].steps, nil)
	r.reply("b", "b_done", "")
	res, err := Engine{ReplyTo: "replies"}.Resume(r.def, r.inst, t0.Add(time.Hour), "ops")
	require.NoError(t, err)
	r.take(res)
	require.Equal(t, []string{"do_a", "do_c"}, sent(res))
	require.Equal(t, CommandID(r.inst.ID, "a", "action", 2), res.Messages[0].Envelope.MessageID)
	r.reply("a", "a_done", "")
	require.Equal(t, []string{"do_ship"}, sent(r.reply("c", "c_done", "")))
}

func TestLateActionReplyOfAnAbandonedMemberIsNotMisplaced(t *testing.T) {
	r := startGroup(t, placements[0].steps, nil)
	r.reply("b", "b_refused", "declined")
	late := reply(r.cmds["a"], "a_done", "")
	late.CausationID = CommandID(r.inst.ID, "a", "action", 1)
	_, misplaced := r.def.MisplacedReply(r.inst, late)
	require.False(t, misplaced, "the action's answer, late")
	wrong := reply(r.cmds["a"], "a_refused", "")
	_, misplaced = r.def.MisplacedReply(r.inst, wrong)
	require.True(t, misplaced, "the action's failure type answering the compensation")
}
