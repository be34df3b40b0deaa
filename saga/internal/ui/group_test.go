package ui_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

var stepRowPattern = regexp.MustCompile(`<tr (?:class="group-head" )?data-(step|group)="([a-z]+)"`)

// A saga's page shows the steps of a parallel group together, under a
// line that names the group, and its timeline says which step was
// abandoned when the group failed.
func TestSagaPageGroupsParallelSteps(t *testing.T) {
	f := newFixture(t)
	now := f.clock.Now()
	inst := &saga.Instance{ID: saga.NewID(), Type: "trip", State: saga.StateCompensating, Version: 1,
		Data: json.RawMessage(`{}`), CreatedAt: now, UpdatedAt: now,
		Steps: []saga.StepRecord{
			{Name: "quote", State: saga.StepSucceeded},
			{Name: "seats", Group: "hold", State: saga.StepFailed, LastError: "sold out"},
			{Name: "room", Group: "hold", State: saga.StepCompensating, LastError: "abandoned"},
			{Name: "pay", State: saga.StepPending},
		}}
	require.NoError(t, f.store.InTx(context.Background(), func(ctx context.Context, tx driver.Tx) error {
		if _, err := tx.CreateSagas(ctx, []*saga.Instance{inst}); err != nil {
			return err
		}
		return tx.AppendHistories(ctx, map[string][]saga.HistoryEntry{inst.ID: {
			{At: now, Kind: saga.HistoryStateChanged, Detail: "RUNNING -> COMPENSATING"},
			{At: now, Kind: saga.HistoryStepAbandoned, Step: "room", Detail: "its parallel group failed"},
			{At: now.Add(time.Millisecond), Kind: saga.HistoryCommandSent, Step: "room", MessageType: "CancelRoom"},
		}})
	}))

	p := f.get(t, "/ui/sagas/"+inst.ID)
	requireHTML(t, p, http.StatusOK)
	var rows []string
	for _, m := range stepRowPattern.FindAllStringSubmatch(p.body, -1) {
		rows = append(rows, m[1]+" "+m[2])
	}
	require.Equal(t, []string{"step quote", "group hold", "step seats", "step room", "step pay"}, rows)
	require.Contains(t, p.body, `<tr data-step="room" class="member" data-group="hold">`)
	require.Contains(t, p.body, `<tr data-step="pay">`, "a step of its own is no member")
	require.Contains(t, p.body, `Parallel group <code>hold</code>`)
	requireInOrder(t, timelineRows(p.body), []string{"step abandoned ", "compensation sent CancelRoom"})
}
