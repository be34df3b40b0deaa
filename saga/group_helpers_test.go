package saga

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// member is a step named name in group ("" for a step of its own), with a
// compensation when undo is set. Its messages are named after it: do_x,
// x_done, x_refused, undo_x, x_undone.
func member(name, group string, undo bool) Step {
	s := Step{Name: name, Group: group, Participant: name + ".commands", Action: "do_" + name,
		SuccessReply: name + "_done", FailureReply: name + "_refused"}
	if undo {
		s.Compensation, s.CompensatedReply = "undo_"+name, name+"_undone"
	}
	return s
}

// run drives one saga through the engine, remembering the last command
// sent to each step.
type run struct {
	t    *testing.T
	def  *Definition
	inst *Instance
	cmds map[string]Outgoing
	now  time.Time
}

func newRun(t *testing.T, steps ...Step) (*run, Result) {
	t.Helper()
	def := &Definition{Type: "grouped", Steps: steps}
	require.NoError(t, def.Validate())
	inst, res, err := Engine{ReplyTo: "replies"}.Start(def, StartInput{ID: NewID(), Data: json.RawMessage(`{}`), Now: t0})
	require.NoError(t, err)
	r := &run{t: t, def: def, inst: inst, cmds: map[string]Outgoing{}, now: t0}
	return r, r.take(res)
}

// take remembers res's commands.
func (r *run) take(res Result) Result {
	for _, m := range res.Messages {
		r.cmds[m.Envelope.Step] = m
	}
	return res
}

// answer applies env a second later than the last call.
func (r *run) answer(env Envelope) Result {
	r.t.Helper()
	r.now = r.now.Add(time.Second)
	res, err := Engine{ReplyTo: "replies"}.HandleReply(r.def, r.inst, env, r.now)
	require.NoError(r.t, err)
	return r.take(res)
}

// reply answers the last command of step with typ; errMsg is the failure
// reason.
func (r *run) reply(step, typ, errMsg string) Result {
	r.t.Helper()
	cmd, ok := r.cmds[step]
	require.True(r.t, ok, "no command was sent to %s", step)
	return r.answer(reply(cmd, typ, errMsg))
}

// retryable answers the last command of step with a retryable error.
func (r *run) retryable(step, typ string) Result {
	r.t.Helper()
	return r.answer(retryable(r.cmds[step], typ, "busy"))
}

// due fires the timer at the saga's next deadline.
func (r *run) due() Result {
	r.t.Helper()
	d := r.inst.NextDeadline()
	require.NotNil(r.t, d, "saga has a deadline")
	r.now = d.Add(time.Millisecond)
	res, err := Engine{ReplyTo: "replies"}.HandleTimeout(r.def, r.inst, r.now)
	require.NoError(r.t, err)
	return r.take(res)
}

// states is the state of every step, in order.
func (r *run) states() []StepState {
	out := make([]StepState, len(r.inst.Steps))
	for i, s := range r.inst.Steps {
		out[i] = s.State
	}
	return out
}

// sent is the type of every message of res, in order.
func sent(res Result) []string {
	out := []string{}
	for _, m := range res.Messages {
		out = append(out, m.Envelope.Type)
	}
	return out
}

// kinds is "kind step" for every history line of res.
func kinds(res Result) []string {
	out := []string{}
	for _, h := range res.History {
		out = append(out, h.Kind+" "+h.Step)
	}
	return out
}

const (
	pending      = StepPending
	running      = StepRunning
	succeeded    = StepSucceeded
	failed       = StepFailed
	compensating = StepCompensating
	compensated  = StepCompensated
)
