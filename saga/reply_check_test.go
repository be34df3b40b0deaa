package saga

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// amountMustMatch refuses a Paid reply whose amount differs from the
// command's.
func amountMustMatch(command json.RawMessage, reply Envelope) error {
	if reply.Type != "Paid" {
		return nil
	}
	var cmd, got struct {
		Amount *int64 `json:"amount"`
	}
	if err := json.Unmarshal(command, &cmd); err != nil {
		return err
	}
	if err := json.Unmarshal(reply.Data, &got); err != nil || got.Amount == nil || *got.Amount != *cmd.Amount {
		return errors.New("amount does not match")
	}
	return nil
}

func checkedDefinition() *Definition {
	def := twoStep()
	def.Steps[1].ActionPayload = func(PayloadInput) (any, error) { return map[string]int64{"amount": 500}, nil }
	def.Steps[1].CheckReply = amountMustMatch
	return def
}

func TestReplyFailingItsStepsCheckIsRecordedNotApplied(t *testing.T) {
	def := checkedDefinition()
	inst, res, err := Engine{ReplyTo: "replies"}.Start(def, StartInput{ID: NewID(), Data: json.RawMessage(`{}`), Now: t0})
	require.NoError(t, err)
	res = apply(t, def, inst, reply(res.Messages[0], "Reserved", ""))
	payCmd := res.Messages[0]
	deadline := *inst.Steps[1].Deadline

	forged := reply(payCmd, "Paid", "")
	forged.Data = json.RawMessage(`{"amount":0}`)
	res = apply(t, def, inst, forged)
	require.False(t, res.Changed)
	require.Empty(t, res.Messages)
	last := res.History[len(res.History)-1]
	require.Equal(t, HistoryReplyRejected, last.Kind)
	require.Contains(t, last.Detail, "amount does not match")
	require.Equal(t, StateRunning, inst.State)
	require.Equal(t, StepRunning, inst.Steps[1].State)
	require.Equal(t, deadline, *inst.Steps[1].Deadline, "the step keeps waiting")

	honest := reply(payCmd, "Paid", "")
	honest.Data = json.RawMessage(`{"amount":500}`)
	res = apply(t, def, inst, honest)
	require.True(t, res.Finished)
	require.Equal(t, StateCompleted, inst.State)
}

func TestReplyCheckSeesTheCompensationsData(t *testing.T) {
	def := twoStep()
	def.Steps[0].CompensationPayload = func(PayloadInput) (any, error) { return map[string]string{"what": "undo"}, nil }
	var seen []string
	def.Steps[0].CheckReply = func(command json.RawMessage, reply Envelope) error {
		seen = append(seen, fmt.Sprintf("%s<-%s", reply.Type, command))
		return nil
	}
	inst, res, err := Engine{ReplyTo: "replies"}.Start(def, StartInput{ID: NewID(), Data: json.RawMessage(`{"x":1}`), Now: t0})
	require.NoError(t, err)
	res = apply(t, def, inst, reply(res.Messages[0], "Reserved", ""))
	res = apply(t, def, inst, reply(res.Messages[0], "PayFailed", "declined"))
	apply(t, def, inst, reply(res.Messages[0], "Released", ""))
	require.Equal(t, []string{`Reserved<-{"x":1}`, `Released<-{"what":"undo"}`}, seen)
	require.Equal(t, StateCompensated, inst.State)
}
