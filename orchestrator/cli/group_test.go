package cli_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// trip holds seats and a room at once, then pays.
func trip() *saga.Definition {
	step := func(name, group string) saga.Step {
		return saga.Step{Name: name, Group: group, Participant: name + ".commands", Action: "Do" + name,
			SuccessReply: "Done" + name, FailureReply: "Refused" + name}
	}
	return &saga.Definition{Type: "trip", Steps: []saga.Step{step("seats", "hold"), step("room", "hold"), step("pay", "")}}
}

// startTrip starts a trip saga: seats and room are both RUNNING.
func (f *fixture) startTrip(t *testing.T) string {
	t.Helper()
	id := saga.NewID()
	require.NoError(t, f.engine.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return f.engine.StartTx(ctx, tx, "trip", saga.StartInput{ID: id, Data: json.RawMessage(`{}`)})
	}))
	return id
}

func TestSagasShowMarksParallelGroups(t *testing.T) {
	f := newFixture(t, options{defs: []*saga.Definition{trip()}})
	id := f.startTrip(t)

	_, steps, _ := sections(t, f.cli(t, "sagas", "show", id).ok(t).stdout)
	require.Equal(t, []string{"STEP", "GROUP", "STATE", "ATTEMPTS", "COMP.", "ATTEMPTS", "RESULT", "LAST", "ERROR"},
		strings.Fields(lines(steps)[0]))
	require.Equal(t, []string{"seats", "hold", "RUNNING", "1", "0"}, rowOf(t, steps, "seats")[:5])
	require.Equal(t, []string{"room", "hold", "RUNNING", "1", "0"}, rowOf(t, steps, "room")[:5])
	require.Equal(t, []string{"pay", "-", "PENDING", "0", "0"}, rowOf(t, steps, "pay")[:5])

	out := f.cli(t, "sagas", "retry", "--operator", "alice", id).ok(t).stdout
	require.Equal(t, "retry of saga "+id+" accepted (operator alice): now RUNNING, steps seats, room running again\n", out)
}
