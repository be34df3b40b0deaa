package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/streamsaga/streamsaga/saga/jsontext"
)

// sagasShow is "sagas show <saga-id | order-id>".
func sagasShow(*flag.FlagSet) runFunc {
	return func(ctx context.Context, s *session, pos []string) error {
		if err := exactArgs(pos, "<saga-id | order-id>"); err != nil {
			return err
		}
		found, err := s.findSaga(ctx, strings.TrimSpace(pos[0]))
		if err != nil {
			return err
		}
		if s.json {
			return printJSON(s.stdout, found.raw)
		}
		more, err := s.readHistory(ctx, &found.saga)
		if err != nil {
			return err
		}
		if err := s.printSaga(found); err != nil {
			return err
		}
		s.noteMoreHistory(found.saga.SagaID, more, len(found.saga.History))
		return nil
	}
}

// foundSaga is a saga read by GET /sagas/{id}, with its order when it was
// found through the order's id.
type foundSaga struct {
	saga  sagaDoc
	raw   []byte
	order *orderDoc
}

// findSaga reads the saga id, or, when there is no such saga, the saga of
// the order id. When there is neither, the error is the saga's.
func (s *session) findSaga(ctx context.Context, id string) (foundSaga, error) {
	var out foundSaga
	raw, err := s.api.doJSON(ctx, get(pathOf("sagas", id), nil), &out.saga)
	if statusOf(err) != http.StatusNotFound {
		out.raw = raw
		return out, err
	}
	var order orderDoc
	if _, oerr := s.api.doJSON(ctx, get(pathOf("orders", id), nil), &order); oerr != nil {
		if statusOf(oerr) == http.StatusNotFound {
			return out, notFoundHint(err)
		}
		return out, oerr
	}
	raw, err = s.api.doJSON(ctx, get(pathOf("sagas", order.SagaID), nil), &out.saga)
	if err != nil {
		return out, fmt.Errorf("order %s has saga %s: %w", id, order.SagaID, err)
	}
	out.raw, out.order = raw, &order
	return out, nil
}

// notFoundHint adds to a bare "not found" that the id is neither a saga's
// nor an order's.
func notFoundHint(err error) error {
	var ae *apiError
	if errors.As(err, &ae) && ae.msg == "not found" {
		ae.hint = "no saga or order has this id"
	}
	return err
}

// printSaga writes the saga's header block, its steps and its timeline.
func (s *session) printSaga(f foundSaga) error {
	if err := s.printSagaHeader(f); err != nil {
		return err
	}
	fmt.Fprintln(s.stdout)
	if err := printSteps(s.stdout, f.saga.Steps); err != nil {
		return err
	}
	fmt.Fprintln(s.stdout)
	return printTimeline(s.stdout, f.saga.History)
}

// printSagaHeader writes the saga's label/value block.
func (s *session) printSagaHeader(f foundSaga) error {
	sg := f.saga
	t := newTable(s.stdout)
	t.row("Saga:", sg.SagaID)
	t.row("Type:", sg.Type)
	t.row("State:", sg.State)
	t.row("Order:", orderLine(sg.CorrelationID, f.order))
	t.row("Created:", fmtTime(&sg.CreatedAt, timelineTime))
	t.row("Updated:", fmtTime(&sg.UpdatedAt, timelineTime))
	t.row("Completed:", fmtTime(sg.CompletedAt, timelineTime))
	t.row("Failure:", sg.Failure)
	t.row("Version:", itoa(sg.Version))
	t.row("Data:", orEmpty(jsontext.Compact(sg.Data, maxShownJSON)))
	return t.flush()
}

// orderLine is the saga's correlation id, with the order's status and
// reason when the order was read.
func orderLine(correlationID string, o *orderDoc) string {
	if o == nil {
		return correlationID
	}
	status := o.Status
	if o.Reason != "" {
		status += ": " + o.Reason
	}
	return fmt.Sprintf("%s (%s)", o.OrderID, status)
}

// printSteps writes the steps table; when the saga has parallel groups, a
// GROUP column names each step's group, so that the steps that run at once
// are marked.
func printSteps(w io.Writer, steps []stepDoc) error {
	grouped := hasGroups(steps)
	header := []string{"STEP", "STATE", "ATTEMPTS", "COMP. ATTEMPTS", "RESULT", "LAST ERROR"}
	if grouped {
		header = slices.Insert(header, 1, "GROUP")
	}
	t := newTable(w, header...)
	for _, st := range steps {
		last := st.LastError
		if st.RetryPending {
			last = "(retry pending) " + last
		}
		cells := []string{st.Name, st.State, itoa(st.Attempts), itoa(st.CompensationAttempts),
			orEmpty(jsontext.Compact(st.Result, maxShownJSON)), last}
		if grouped {
			cells = slices.Insert(cells, 1, st.Group)
		}
		t.row(cells...)
	}
	return t.flush()
}

// hasGroups reports whether a step is in a parallel group.
func hasGroups(steps []stepDoc) bool {
	for _, st := range steps {
		if st.Group != "" {
			return true
		}
	}
	return false
}

// printTimeline writes the saga's history, oldest first.
func printTimeline(w io.Writer, hist []historyDoc) error {
	t := newTable(w, "TIME", "KIND", "STEP", "MESSAGE TYPE", "DETAIL")
	for _, h := range hist {
		t.row(fmtTime(&h.At, timelineTime), h.Kind, h.Step, h.MessageType, h.Detail)
	}
	return t.flush()
}

// maxShownJSON is the longest saga data or step result printed in full.
const maxShownJSON = 200

// orEmpty is s, or "-" for nothing.
func orEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
