package sagahttp_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderenv"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
	"github.com/streamsaga/streamsaga/saga/internal/sagahttp"
)

// preorderDef is a saga type users start over HTTP: one step on a test
// participant, its input checked.
func preorderDef() *saga.Definition {
	return &saga.Definition{Type: "preorder", Version: 2, HTTPStart: true, Steps: []saga.Step{{Name: "hold",
		Participant: "preorders.commands", Action: "Hold", SuccessReply: "Held", FailureReply: "NotHeld",
		Compensation: "Release", CompensatedReply: "Released", Timeout: 5 * time.Second}},
		ValidateInput: func(data json.RawMessage) error {
			var in struct {
				SKU string `json:"sku"`
			}
			if err := json.Unmarshal(data, &in); err != nil || in.SKU == "" {
				return errors.New("data needs a sku")
			}
			return nil
		}}
}

func newSagaFixture(t *testing.T) *fixture { return newSagaFixtureWith(t, preorderDef()) }

// newSagaFixtureWith serves the saga API with defs registered next to the
// order saga.
func newSagaFixtureWith(t *testing.T, defs ...*saga.Definition) *fixture {
	db, st, orderStore := orderenv.Open(t)
	log := logrus.New()
	log.SetOutput(io.Discard)
	reg, err := saga.NewRegistry(append([]*saga.Definition{ordersaga.Definition()}, defs...)...)
	require.NoError(t, err)
	run, err := runner.New(runner.Config{Store: st, Registry: reg, Logger: logrus.NewEntry(log)})
	require.NoError(t, err)
	h := withOrders(st, orderStore, sagahttp.New(st, logrus.NewEntry(log)).WithSagas(reg, run, nil))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &fixture{srv: srv, db: db, store: st}
}

func TestSagaTypesListsTheNewestVersionOfEachType(t *testing.T) {
	f := newSagaFixture(t)
	status, body, _ := f.do(t, http.MethodGet, "/saga-types", "")
	require.Equal(t, http.StatusOK, status)
	types := body["saga_types"].([]any)
	require.Len(t, types, 2)
	order, pre := types[0].(map[string]any), types[1].(map[string]any)
	require.Equal(t, "order", order["type"])
	require.Equal(t, "preorder", pre["type"])
	require.Equal(t, 2.0, pre["version"])
	step := pre["steps"].([]any)[0].(map[string]any)
	require.Equal(t, "hold", step["name"])
	require.Equal(t, "preorders.commands", step["participant"])
	require.Equal(t, "5s", step["timeout"])
	require.Equal(t, "Hold", step["action"].(map[string]any)["command"])
	require.Equal(t, "Release", step["compensation"].(map[string]any)["command"])
}

func TestPostSagasStartsASagaOfARegisteredType(t *testing.T) {
	f := newSagaFixture(t)
	status, body, h := f.do(t, http.MethodPost, "/sagas", `{"type": "preorder", "data": {"sku": "A"}}`)
	require.Equal(t, http.StatusAccepted, status, body)
	id := body["saga_id"].(string)
	require.Equal(t, "preorder", body["type"])
	require.Equal(t, "RUNNING", body["state"])
	require.Equal(t, "/sagas/"+id, h.Get("Location"))
	require.Equal(t, 1, f.count(t, "outbox"), "the first command is in the outbox")

	status, body, _ = f.do(t, http.MethodGet, "/sagas/"+id, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, map[string]any{"sku": "A"}, body["data"])
	require.Equal(t, 2.0, body["definition_version"])
	require.Equal(t, "RUNNING", body["state"])
}

func TestPostSagasRefusesWithoutStoring(t *testing.T) {
	f := newSagaFixture(t)
	for _, c := range []struct {
		body   string
		status int
		reason string
	}{
		{`{"type": "nope", "data": {}}`, http.StatusUnprocessableEntity, `saga type "nope" is not registered`},
		{`{"type": "order", "data": {}}`, http.StatusUnprocessableEntity, `saga type "order" cannot be started over HTTP`},
		{`{"type": "preorder", "data": {"sku": ""}}`, http.StatusUnprocessableEntity, "data needs a sku"},
		{`{"type": "preorder"}`, http.StatusUnprocessableEntity, "data"},
		{`{"type": "preorder", "data": [1]}`, http.StatusUnprocessableEntity, "data"},
		{`{"type": `, http.StatusBadRequest, ""},
		{`{"type": "preorder", "data": {"sku": "` + strings.Repeat("x", 1<<20) + `"}}`, http.StatusRequestEntityTooLarge, ""},
	} {
		status, body, _ := f.do(t, http.MethodPost, "/sagas", c.body)
		require.Equal(t, c.status, status, body)
		require.Contains(t, body["error"], c.reason)
	}
	require.Zero(t, f.count(t, "sagas"))
	require.Zero(t, f.count(t, "outbox"))
}

func TestPostSagasRefusesDataTheFirstCommandCannotBeBuiltFrom(t *testing.T) {
	def := preorderDef()
	def.ValidateInput = nil
	def.Steps[0].ActionPayload = func(in saga.PayloadInput) (any, error) {
		var d struct {
			SKU *string `json:"sku"`
		}
		if err := json.Unmarshal(in.Data, &d); err != nil || d.SKU == nil {
			return nil, saga.Permanent(errors.New("the saga's input has no sku"))
		}
		return map[string]string{"sku": *d.SKU}, nil
	}
	f := newSagaFixtureWith(t, def)
	status, body, _ := f.do(t, http.MethodPost, "/sagas", `{"type": "preorder", "data": {}}`)
	require.Equal(t, http.StatusUnprocessableEntity, status, body)
	require.Equal(t, "step hold: building Hold: the saga's input has no sku", body["error"])
	require.Zero(t, f.count(t, "sagas"))
	require.Zero(t, f.count(t, "outbox"))

	status, body, _ = f.do(t, http.MethodPost, "/sagas", `{"type": "preorder", "data": {"sku": "A"}}`)
	require.Equal(t, http.StatusAccepted, status, body)
}
