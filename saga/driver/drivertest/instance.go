package drivertest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

// definition is the saga type of the suite's instances: two steps, each
// with a compensation and a timeout, so a started saga has a deadline.
func definition() *saga.Definition {
	step := func(name, participant string) saga.Step {
		return saga.Step{Name: name, Participant: participant, Action: "Do", SuccessReply: "Done",
			FailureReply: "Failed", Compensation: "Undo", CompensatedReply: "Undone", Timeout: 10 * time.Second}
	}
	return &saga.Definition{Type: "conformance", Steps: []saga.Step{step("first", "a.commands"), step("second", "b.commands")}}
}

// newInstance is a started saga, not yet stored.
func newInstance(t *testing.T) *saga.Instance {
	t.Helper()
	data, _ := json.Marshal(map[string]any{"ref": saga.NewID(), "amount": 10})
	inst, _, err := saga.Engine{ReplyTo: "r"}.Start(definition(), saga.StartInput{ID: saga.NewID(), Data: data, Now: now()})
	require.NoError(t, err)
	inst.Version = 1
	return inst
}
