package usermodule_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// A user defines the preorder saga in a module of their own: it builds
// against the engine, runs, completes a saga whose second step reads the
// first step's result, and compensates one whose second step fails.
func TestUserModuleDefinesItsOwnSaga(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("skipping: the go command is not on PATH, and this test builds a user module with it")
	}
	dbURL := testenv.Database(t)
	rdb, prefix := testenv.Redis(t)
	bin := buildModule(t, writeModule(t))
	env := []string{"DATABASE_URL=" + dbURL, "REDIS_URL=" + testenv.URLOf(rdb), "STREAM_PREFIX=" + prefix, "STARTUP_TIMEOUT=30s"}
	participant := startProc(t, bin, "participant", env)
	orchestrator := startProc(t, bin, "orchestrator", env)
	base := "http://" + orchestrator.addr

	requireSagaType(t, base)
	requireRejected(t, base, `{"type": "preorder", "data": {"customer": "c1"}}`)

	done := runSaga(t, base, `{"customer": "c1", "sku": "BOOK-1", "quantity": 2}`, "COMPLETED")
	holdID := "H-" + done.SagaID
	require.JSONEq(t, `{"hold_id": "`+holdID+`"}`, string(done.step(t, "hold").Result))
	confirm := done.step(t, "confirm")
	require.Equal(t, "SUCCEEDED", confirm.State)
	require.JSONEq(t, `{"hold_id": "`+holdID+`", "customer": "c1", "refuse": false}`, string(confirm.Result),
		"the confirm command carried the hold id read from the hold step's result")
	require.Equal(t, "confirmed", holdState(t, dbURL, done.SagaID))
	status, page := get(t, base+"/ui/sagas/"+done.SagaID)
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, page, holdID, "the saga page shows the hold step's result")

	refused := runSaga(t, base, `{"customer": "c2", "sku": "BOOK-1", "quantity": 1, "refuse_confirm": true}`, "COMPENSATED")
	require.Equal(t, "COMPENSATED", refused.step(t, "hold").State)
	require.Equal(t, "FAILED", refused.step(t, "confirm").State)
	require.Equal(t, "released", holdState(t, dbURL, refused.SagaID), "the compensation released the hold")

	taken := takePreorder(t, base, `{"customer": "c3", "sku": "BOOK-2", "quantity": 1}`)
	waitFor(t, "preorder "+taken+" recorded COMPLETED by the finish hook", 60*time.Second, func() bool {
		return requestOutcome(t, dbURL, taken) == "COMPLETED"
	})
	require.Equal(t, "confirmed", holdState(t, dbURL, taken))

	orchestrator.stop(t)
	participant.stop(t)
}

// sagaView is the part of GET /sagas/{id} the test reads.
type sagaView struct {
	SagaID string     `json:"saga_id"`
	Type   string     `json:"type"`
	State  string     `json:"state"`
	Steps  []stepView `json:"steps"`
}

// stepView is one step of a sagaView.
type stepView struct {
	Name   string          `json:"name"`
	State  string          `json:"state"`
	Result json.RawMessage `json:"result"`
}

func (v sagaView) step(t *testing.T, name string) stepView {
	for _, s := range v.Steps {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("saga %s has no step %s: %+v", v.SagaID, name, v.Steps)
	return stepView{}
}

// runSaga starts a preorder with data over HTTP and waits for the saga to
// reach want; any other terminal state fails the test.
func runSaga(t *testing.T, base, data, want string) sagaView {
	status, body, loc := post(t, base+"/sagas", `{"type": "preorder", "data": `+data+`}`)
	require.Equal(t, http.StatusAccepted, status, body)
	var started sagaView
	require.NoError(t, json.Unmarshal([]byte(body), &started))
	require.Equal(t, "preorder", started.Type)
	require.Equal(t, "/sagas/"+started.SagaID, loc)
	var v sagaView
	waitFor(t, "saga "+started.SagaID+" "+want, 60*time.Second, func() bool {
		status, body := get(t, base+"/sagas/"+started.SagaID)
		require.Equal(t, http.StatusOK, status, body)
		require.NoError(t, json.Unmarshal([]byte(body), &v))
		if v.State != want && v.State != "RUNNING" && v.State != "COMPENSATING" {
			t.Fatalf("saga %s ended %s, want %s: %s", started.SagaID, v.State, want, body)
		}
		return v.State == want
	})
	return v
}

// requireSagaType checks that GET /saga-types lists the user's type.
func requireSagaType(t *testing.T, base string) {
	status, body := get(t, base+"/saga-types")
	require.Equal(t, http.StatusOK, status, body)
	var types struct {
		SagaTypes []struct {
			Type  string `json:"type"`
			Steps []struct {
				Name        string `json:"name"`
				Participant string `json:"participant"`
			} `json:"steps"`
		} `json:"saga_types"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &types))
	require.Len(t, types.SagaTypes, 1, "the user's engine runs the user's saga types only: %s", body)
	for _, st := range types.SagaTypes {
		if st.Type == "preorder" {
			require.Len(t, st.Steps, 2, body)
			require.Equal(t, "hold", st.Steps[0].Name)
			require.Equal(t, "preorders.commands", st.Steps[0].Participant)
			require.Equal(t, "confirm", st.Steps[1].Name)
			return
		}
	}
	t.Fatalf("GET /saga-types does not list preorder: %s", body)
}

// requireRejected checks that data the definition refuses is a 422.
func requireRejected(t *testing.T, base, body string) {
	status, answer, _ := post(t, base+"/sagas", body)
	require.Equal(t, http.StatusUnprocessableEntity, status, answer)
	require.Contains(t, answer, "sku")
}

// holdState reads the state of the saga's hold in the participant's own
// table.
func holdState(t *testing.T, dbURL, sagaID string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	require.NoError(t, err)
	defer conn.Close(ctx)
	var state string
	require.NoError(t, conn.QueryRow(ctx, `SELECT state FROM preorders.holds WHERE saga_id = $1`, sagaID).Scan(&state))
	return state
}

// get returns the status and body of a GET, or 0 when nothing answers.
func get(t *testing.T, url string) (int, string) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// post sends body as JSON and returns the status, the body and Location.
func post(t *testing.T, url, body string) (int, string, string) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

// takePreorder places a preorder at the application's own endpoint, which
// writes its row and starts its saga in one transaction, and returns the
// saga's id.
func takePreorder(t *testing.T, base, body string) string {
	status, answer, _ := post(t, base+"/preorders", body)
	require.Equal(t, http.StatusAccepted, status, answer)
	var taken struct {
		SagaID string `json:"saga_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(answer), &taken))
	require.NotEmpty(t, taken.SagaID)
	return taken.SagaID
}

// requestOutcome reads the outcome the application's finish hook wrote
// for a preorder ("" while its saga runs).
func requestOutcome(t *testing.T, dbURL, sagaID string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	require.NoError(t, err)
	defer conn.Close(ctx)
	var outcome *string
	require.NoError(t, conn.QueryRow(ctx, `SELECT outcome FROM orchestrator.preorder_requests WHERE saga_id = $1`,
		sagaID).Scan(&outcome))
	if outcome == nil {
		return ""
	}
	return *outcome
}
