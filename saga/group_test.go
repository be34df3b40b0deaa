package saga

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Where a group stands in its saga: first, in the middle, last.
var placements = []struct {
	name   string
	steps  []Step
	before []string // steps that run before the group
	after  string   // the step after it, "" when it is last
}{
	{"first", []Step{member("a", "g", true), member("b", "g", true), member("c", "g", false), member("ship", "", false)},
		nil, "ship"},
	{"middle", []Step{member("hold", "", true), member("a", "g", true), member("b", "g", true), member("c", "g", false),
		member("ship", "", false)}, []string{"hold"}, "ship"},
	{"last", []Step{member("hold", "", true), member("a", "g", true), member("b", "g", true), member("c", "g", false)},
		[]string{"hold"}, ""},
}

// startGroup starts a saga of steps and answers the steps before the
// group, which then has all its commands out.
func startGroup(t *testing.T, steps []Step, before []string) *run {
	t.Helper()
	r, res := newRun(t, steps...)
	for _, name := range before {
		res = r.reply(name, name+"_done", "")
	}
	require.Equal(t, []string{"do_a", "do_b", "do_c"}, sent(res), "one transition sends every member's action")
	require.Equal(t, []string{"command_sent a", "command_sent b", "command_sent c"}, kinds(res)[len(kinds(res))-3:])
	for _, m := range []string{"a", "b", "c"} {
		rec := r.inst.Steps[r.def.StepIndex(m)]
		require.Equal(t, running, rec.State)
		require.Equal(t, "g", rec.Group)
		require.NotNil(t, rec.Deadline)
		require.Equal(t, "do_"+m, r.cmds[m].Envelope.Type)
	}
	return r
}

func TestGroupSucceedsWhenAllMembersSucceedInAnyOrder(t *testing.T) {
	orders := [][]string{{"a", "b", "c"}, {"a", "c", "b"}, {"b", "a", "c"}, {"b", "c", "a"}, {"c", "a", "b"}, {"c", "b", "a"}}
	for _, p := range placements {
		for _, order := range orders {
			t.Run(p.name+"/"+order[0]+order[1]+order[2], func(t *testing.T) {
				r := startGroup(t, p.steps, p.before)
				for _, m := range order[:2] {
					res := r.reply(m, m+"_done", "")
					require.Empty(t, res.Messages, "the group waits for all its members")
					require.Equal(t, StateRunning, r.inst.State)
				}
				res := r.reply(order[2], order[2]+"_done", "")
				if p.after == "" {
					require.True(t, res.Finished)
					require.Equal(t, StateCompleted, r.inst.State)
					return
				}
				require.Equal(t, []string{"do_" + p.after}, sent(res))
				res = r.reply(p.after, p.after+"_done", "")
				require.True(t, res.Finished)
				require.Equal(t, StateCompleted, r.inst.State)
			})
		}
	}
}

func TestDuplicateRepliesInAGroupChangeNothing(t *testing.T) {
	r := startGroup(t, placements[1].steps, placements[1].before)
	first := reply(r.cmds["a"], "a_done", "")
	r.answer(first)
	before := append([]StepRecord(nil), r.inst.Steps...)
	for _, env := range []Envelope{first, reply(r.cmds["a"], "a_refused", "late"), reply(r.cmds["a"], "a_done", "")} {
		res := r.answer(env)
		require.False(t, res.Changed)
		require.Empty(t, res.Messages)
		require.Equal(t, HistoryReplyIgnored, res.History[len(res.History)-1].Kind)
	}
	require.Equal(t, before, r.inst.Steps)
	r.reply("b", "b_done", "")
	r.reply("b", "b_done", "")
	res := r.reply("c", "c_done", "")
	require.Equal(t, []string{"do_ship"}, sent(res), "the next step starts once")
	require.Empty(t, r.reply("c", "c_done", "").Messages)
}

func TestGroupMemberRetriesAndTimesOutOnItsOwn(t *testing.T) {
	steps := []Step{member("a", "g", true), member("b", "g", true), member("c", "g", false)}
	steps[0].Timeout, steps[1].Timeout, steps[2].Timeout = 5e9, 2e9, 9e9
	steps[1].Retry.MaxAttempts = 2
	r := startGroup(t, steps, nil)
	require.Equal(t, *r.inst.Steps[1].Deadline, *r.inst.NextDeadline(), "the earliest member's deadline")

	res := r.due() // b's deadline: resent with the same id
	require.Equal(t, []string{"do_b"}, sent(res))
	require.Equal(t, CommandID(r.inst.ID, "b", "action", 1), res.Messages[0].Envelope.MessageID)
	require.Equal(t, []int{1, 2, 1}, []int{r.inst.Steps[0].Attempts, r.inst.Steps[1].Attempts, r.inst.Steps[2].Attempts})

	r.retryable("a", "a_refused")
	require.True(t, r.inst.Steps[0].RetryPending)
	require.Equal(t, *r.inst.Steps[0].Deadline, *r.inst.NextDeadline(), "a's retry is due first")
	res = r.due() // a's retry: a new attempt of a alone
	require.Equal(t, []string{"do_a"}, sent(res))
	require.Equal(t, CommandID(r.inst.ID, "a", "action", 2), res.Messages[0].Envelope.MessageID)
	r.reply("a", "a_done", "")

	res = r.due() // b spent its attempts: given up, and compensated with a; c is abandoned
	require.Equal(t, []string{timeoutLine("b"), HistoryStateChanged + " ", "command_sent b", "command_sent a",
		HistoryStepAbandoned + " c"}, kinds(res))
	require.Equal(t, []string{"undo_b", "undo_a"}, sent(res), "both compensations go out together")
	require.Equal(t, []StepState{compensating, compensating, failed}, r.states())
	require.Contains(t, r.inst.Failure, "step b: no reply after 2 attempts")
	r.reply("b", "b_undone", "")
	res = r.reply("a", "a_undone", "")
	require.True(t, res.Finished)
	require.Equal(t, StateCompensated, r.inst.State)
}

func timeoutLine(step string) string { return HistoryTimeout + " " + step }

func TestGroupDefinitions(t *testing.T) {
	d := &Definition{Type: "g", Steps: []Step{member("a", "g", true), member("b", "", true), member("c", "g", true)}}
	require.ErrorContains(t, d.Validate(), "one run of adjacent steps")
	d.Steps[1].Group = "g"
	require.NoError(t, d.Validate())
	first, last := d.groupBounds(1)
	require.Equal(t, []int{0, 2}, []int{first, last})
	d.Steps[2].Group = ""
	first, last = d.groupBounds(2)
	require.Equal(t, []int{2, 2}, []int{first, last})

	r, _ := newRun(t, member("a", "g", true), member("b", "g", true))
	require.NoError(t, r.inst.Validate(r.def))
	r.inst.Steps[1].Group = ""
	require.ErrorContains(t, r.inst.Validate(r.def), `group ""`)
}

func TestTypedStepsFormGroups(t *testing.T) {
	typed := bookingSaga()
	typed.Steps[0].Group, typed.Steps[1].Group = "both", "both"
	def := typed.Definition()
	require.NoError(t, def.Validate())
	require.Equal(t, "both", def.Spec().Steps[1].Group)
	inst, res, err := Engine{ReplyTo: "replies"}.Start(def, StartInput{ID: NewID(),
		Data: []byte(`{"customer":"c1","seats":2}`), Now: t0})
	require.Error(t, err, "pay's payload needs reserve's result, which a member of its group cannot have")
	require.Nil(t, inst)

	typed.Steps[1].Payload = nil
	inst, res, err = Engine{ReplyTo: "replies"}.Start(typed.Definition(), StartInput{ID: NewID(),
		Data: []byte(`{"customer":"c1","seats":2}`), Now: t0})
	require.NoError(t, err)
	require.Equal(t, []string{"Reserve", "Pay"}, sent(res))
	require.Equal(t, "both", inst.Steps[1].Group)
}
