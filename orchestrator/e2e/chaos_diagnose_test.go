package e2e

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// sagaDetail is the part of GET /sagas/{id} a diagnosis reads.
type sagaDetail struct {
	State   string `json:"state"`
	History []struct {
		At          string `json:"at"`
		Kind        string `json:"kind"`
		Step        string `json:"step"`
		MessageType string `json:"message_type"`
		MessageID   string `json:"message_id"`
		Detail      string `json:"detail"`
	} `json:"history"`
}

const detailedExamples = 3

// diagnose explains why orders are still PENDING, grouped by cause, with
// the history and log lines of a few of them. It reads the services'
// tables directly to tell a message that never left an outbox from one
// that left and was lost.
func (r *chaosRun) diagnose(t *testing.T, c *chaosClient, s *system) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.dbURL)
	if err != nil {
		t.Logf("diagnosis: connecting to the database: %v", err)
		return
	}
	defer conn.Close(ctx)
	causes, dead := map[string][]string{}, chaosDeadLetters(ctx, s)
	for i, po := range r.settled.pending {
		cause, sd := explainStuck(ctx, c, conn, po, dead[po.placed.SagaID])
		causes[cause] = append(causes[cause], po.placed.OrderID)
		if i < detailedExamples {
			t.Logf("diagnosis: order %s (saga %s): %s\n%s%s", po.placed.OrderID, po.placed.SagaID, cause,
				historyTail(sd, 6), logLinesMentioning(s, po.placed.SagaID, 8))
		}
	}
	t.Logf("diagnosis of %d orders still PENDING:\n%s", len(r.settled.pending), countCauses(causes))
}

// explainStuck names what the order's saga waits for and where that
// message is: still in an outbox, handled by its receiver, or nowhere.
func explainStuck(ctx context.Context, c *chaosClient, conn *pgx.Conn, po *chaosOrder, dead []deadLetter) (string, sagaDetail) {
	var sd sagaDetail
	status, err := c.getJSON(ctx, c.orchs[0].url("/sagas/"+po.placed.SagaID), &sd)
	switch {
	case err != nil:
		return "saga unreadable: " + err.Error(), sd
	case status == http.StatusNotFound:
		if n := outboxTypes(ctx, conn, "orchestrator", po.placed.SagaID); n != "" {
			return "saga never started: OrderCreated still in the orchestrator outbox (" + n + ")", sd
		}
		return "saga never started: OrderCreated left the outbox but was never consumed (" + lostOrDead(dead, "OrderCreated") + ")", sd
	case status != http.StatusOK:
		return fmt.Sprintf("saga unreadable: HTTP %d", status), sd
	case sd.State == "FAILED":
		return "saga FAILED (a compensation could not complete; the order waits for an operator), history ends with " + lastKind(sd), sd
	case sd.State == "COMPLETED" || sd.State == "COMPENSATED":
		return "saga " + sd.State + " but the order was never updated", sd
	}
	return fmt.Sprintf("saga %s, %s", sd.State, waitingFor(ctx, conn, po.placed.SagaID, sd, dead)), sd
}

// waitingFor follows the last command the saga sent.
func waitingFor(ctx context.Context, conn *pgx.Conn, sagaID string, sd sagaDetail, dead []deadLetter) string {
	for i := len(sd.History) - 1; i >= 0; i-- {
		h := sd.History[i]
		if h.Kind != "command_sent" {
			continue
		}
		what := "waits for the reply to " + h.MessageType
		if i < len(sd.History)-1 {
			what += " (history ends with " + sd.History[len(sd.History)-1].Kind + ")"
		}
		participant := participantOf(h.MessageType)
		switch {
		case outboxTypes(ctx, conn, "orchestrator", sagaID) != "":
			return what + ": the command is still in the orchestrator outbox"
		case !inInbox(ctx, conn, participant, h.MessageID):
			return what + ": the command left the outbox but " + participant + " never handled it (" + lostOrDead(dead, h.MessageType) + ")"
		case outboxTypes(ctx, conn, participant, sagaID) != "":
			return what + ": " + participant + " handled it; the reply is still in its outbox"
		default:
			return what + ": " + participant + " handled it and published the reply, which the orchestrator never consumed (" + lostOrDead(dead, deadReplyType(dead)) + ")"
		}
	}
	return "no command sent (history ends with " + lastKind(sd) + ")"
}

// deadReplyType picks the type of a dead-lettered reply of the saga, if any.
func deadReplyType(dead []deadLetter) string {
	for _, d := range dead {
		if d.stream == "orchestrator.replies" {
			return d.typ
		}
	}
	return ""
}

func participantOf(commandType string) string {
	if strings.Contains(commandType, "Inventory") {
		return "inventory"
	}
	return "payment"
}

// outboxTypes lists the types of the saga's messages in schema's outbox.
func outboxTypes(ctx context.Context, conn *pgx.Conn, schema, sagaID string) string {
	rows, err := conn.Query(ctx, "SELECT message_type FROM "+schema+".outbox WHERE partition_key = $1 ORDER BY id", sagaID)
	if err != nil {
		return "unknown: " + err.Error()
	}
	types, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return "unknown: " + err.Error()
	}
	return strings.Join(types, ", ")
}

func inInbox(ctx context.Context, conn *pgx.Conn, schema, messageID string) bool {
	var found bool
	_ = conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM "+schema+".inbox WHERE message_id::text = $1)", messageID).Scan(&found)
	return found
}

func lastKind(sd sagaDetail) string {
	if len(sd.History) == 0 {
		return "nothing"
	}
	return sd.History[len(sd.History)-1].Kind
}

func historyTail(sd sagaDetail, n int) string {
	var b strings.Builder
	for _, h := range sd.History[max(0, len(sd.History)-n):] {
		fmt.Fprintf(&b, "  history: %s %s %s %s %s %s\n", h.At, h.Kind, h.Step, h.MessageType, h.MessageID, h.Detail)
	}
	return b.String()
}

func countCauses(causes map[string][]string) string {
	keys := make([]string, 0, len(causes))
	for k := range causes {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return len(causes[keys[i]]) > len(causes[keys[j]]) })
	var b strings.Builder
	for _, k := range keys {
		ids := causes[k]
		fmt.Fprintf(&b, "  %4d  %s (e.g. %s)\n", len(ids), k, strings.Join(ids[:min(3, len(ids))], ", "))
	}
	return b.String()
}
