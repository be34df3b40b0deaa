package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/jsontext"
)

// sagaPage is the data of saga.html.
type sagaPage struct {
	page
	Saga sagaHead
	// Steps are the saga's steps, those of a parallel group together.
	Steps    []stepBlock
	Timeline []entry
	// MoreHistory, when set, is the API address of the timeline's lines
	// past the first TimelineLines.
	MoreHistory string
	// Retry is the Retry form, nil when the saga offers none.
	Retry *retryForm
	// Flash reports what the last action did; Error why it failed.
	Flash, Error string
}

// sagaHead is the header of a saga's page.
type sagaHead struct {
	ID, Type, CorrelationID, Failure, Data string
	Parked                                 string
	State                                  saga.State
	Version                                int64
	DefinitionVersion                      int
	CreatedAt, UpdatedAt, CompletedAt      time.Time
}

// stepRow is one step of a saga.
type stepRow struct {
	N                               int
	Name, Group, LastError, Result  string
	State                           saga.StepState
	Attempts, CompensationAttempts  int
	RetryPending                    bool
	StartedAt, FinishedAt, Deadline time.Time
}

// retryForm is the Retry form and what it will do.
type retryForm struct {
	Action, Explain string
}

// viewSaga is GET /ui/sagas/{id}.
func (u *UI) viewSaga(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	if !saga.ValidID(id) {
		return problemf(http.StatusBadRequest, "%q is not a saga id: saga ids are UUIDs.", id)
	}
	return u.showSaga(w, r, id, http.StatusOK, flashes[r.URL.Query().Get("flash")], "")
}

// showSaga renders the page of saga id with status and the flash or error
// message given.
func (u *UI) showSaga(w http.ResponseWriter, r *http.Request, id string, status int, flash, failure string) error {
	in, err := u.store.GetSaga(r.Context(), id)
	if errors.Is(err, saga.ErrNotFound) {
		return u.sagaNotFound(r, id)
	}
	if err != nil {
		return fmt.Errorf("reading saga %s: %w", id, err)
	}
	hist, more, err := u.firstHistory(r, in.ID)
	if err != nil {
		return err
	}
	data := sagaPage{page: page{Title: "Saga " + in.ID}, Saga: newSagaHead(in), Steps: stepBlocks(stepRows(in.Steps)),
		Timeline: timeline(hist), MoreHistory: more, Retry: u.retryOffer(in), Error: failure}
	if flash != "" {
		data.Flash = fmt.Sprintf(flash, in.State)
	}
	return render(w, status, "saga.html", data)
}

// sagaNotFound is the 404 of a saga id, with the application's
// explanation when it has one (a saga that starts within moments).
func (u *UI) sagaNotFound(r *http.Request, id string) error {
	if u.app.NotStarted != nil {
		if msg, ok := u.app.NotStarted(r.Context(), id); ok {
			return problemf(http.StatusNotFound, "%s.", upperFirst(msg))
		}
	}
	return problemf(http.StatusNotFound, "No saga has the id %s.", id)
}

// upperFirst is s with its first letter in upper case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func newSagaHead(in *saga.Instance) sagaHead {
	return sagaHead{ID: in.ID, Type: in.Type, CorrelationID: in.CorrelationID, Failure: in.Failure, State: in.State,
		Parked: in.Parked, DefinitionVersion: in.DefinitionVersion,
		Data:    jsontext.Compact(in.Data, maxDataBytes),
		Version: in.Version, CreatedAt: in.CreatedAt, UpdatedAt: in.UpdatedAt, CompletedAt: deref(in.CompletedAt)}
}

func stepRows(steps []saga.StepRecord) []stepRow {
	out := make([]stepRow, len(steps))
	for i, s := range steps {
		out[i] = stepRow{N: i + 1, Name: s.Name, Group: s.Group, LastError: s.LastError, Result: jsontext.Compact(s.Result, maxResultBytes),
			State: s.State, Attempts: s.Attempts,
			CompensationAttempts: s.CompensationAttempts, RetryPending: s.RetryPending,
			StartedAt: deref(s.StartedAt), FinishedAt: deref(s.FinishedAt), Deadline: deref(s.Deadline)}
	}
	return out
}

// retryOffer is the Retry form for a FAILED saga, or for a RUNNING or
// COMPENSATING one that has not changed for StuckAfter; nil otherwise, and
// always nil without a Resumer.
func (u *UI) retryOffer(in *saga.Instance) *retryForm {
	action := sagaHref(in.ID) + "/retry"
	switch {
	case u.resumer == nil:
		return nil
	case in.State == saga.StateFailed:
		return &retryForm{Action: action, Explain: "A compensation could not be completed. " +
			"Retry sends it again with a fresh retry budget and the saga compensates on."}
	case !in.State.Terminal() && u.now().Sub(in.UpdatedAt) >= StuckAfter:
		return &retryForm{Action: action, Explain: fmt.Sprintf("No progress for %s. "+
			"Retry sends the current command again at once with a fresh retry budget.",
			u.now().Sub(in.UpdatedAt).Truncate(time.Second))}
	}
	return nil
}

// The longest saga data and step result shown in full on a saga's page.
const (
	maxDataBytes   = 16 << 10
	maxResultBytes = 400
)
