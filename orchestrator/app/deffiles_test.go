package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// preorderFile is a saga type defined in a file: its input checked by a
// JSON Schema, its command's data mapped from the input and the saga id.
const preorderFile = `type: preorder
version: 1
input_schema:
  type: object
  required: [sku, quantity]
  properties:
    sku: {type: string}
    quantity: {type: integer, minimum: 1}
steps:
  - name: hold
    participant: preorders.commands
    timeout: 5s
    action:
      command: Hold
      success: Held
      failure: NotHeld
      payload: {sku: "${input.sku}", quantity: "${input.quantity}", saga: "${saga.id}", note: "hold ${input.quantity} of ${input.sku}"}
    compensation: {command: Release, done: Released, payload: {hold: "${steps.hold.result.hold_id}"}}
`

// fileApp is an orchestrator built with SAGA_DEFINITIONS set to defsPath,
// on the SQLite file at dbPath, and the Redis it uses.
type fileApp struct {
	app    *app.App
	rdb    redis.UniversalClient
	prefix string
}

func buildWithFiles(t *testing.T, dbPath, defsPath string) (*fileApp, error) {
	db, err := ordersqlite.Open(t.Context(), dbPath)
	require.NoError(t, err)
	rdb, prefix := testenv.Redis(t)
	l := logrus.New()
	l.SetOutput(io.Discard)
	cfg := config.Config{HTTPAddr: "127.0.0.1:0", StreamPrefix: prefix, APIToken: token, SagaDefinitions: defsPath,
		ClaimMinIdle: 30 * time.Second, InboxRetention: config.MinInboxRetention}
	a, err := app.Build(cfg, app.Backends{DB: sqlite.NewBackend(db), Store: sqlitedriver.New(db), Orders: ordersqlite.New(db),
		Redis: noClose{rdb}}, logrus.NewEntry(l))
	return &fileApp{app: a, rdb: rdb, prefix: prefix}, err
}

// startWithFiles builds and starts one; it stops when the test ends.
func startWithFiles(t *testing.T, defsPath string) *fileApp {
	f, err := buildWithFiles(t, filepath.Join(t.TempDir(), "orchestrator.db"), defsPath)
	require.NoError(t, err)
	require.NoError(t, f.app.Start(t.Context()))
	t.Cleanup(func() { stopApp(t, f.app) })
	return f
}

func stopApp(t *testing.T, a *app.App) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, a.Stop(ctx))
}

func writeFile(t *testing.T, dir, name, content string) string {
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

// command waits for the first command on the logical stream and returns
// its envelope.
func (f *fileApp) command(t *testing.T, stream string) saga.Envelope {
	var env saga.Envelope
	require.Eventually(t, func() bool {
		entries, err := f.rdb.XRange(t.Context(), f.prefix+stream, "-", "+").Result()
		if err != nil || len(entries) == 0 {
			return false
		}
		env, err = saga.DecodeEnvelope([]byte(entries[0].Values[transport.FieldEnvelope].(string)))
		return err == nil
	}, 10*time.Second, 20*time.Millisecond)
	return env
}

func TestASagaFromADefinitionFileStartsOverHTTP(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "preorder.yaml", preorderFile)
	f := startWithFiles(t, dir)
	base := "http://" + f.app.Addr()

	status, body := call(t, http.MethodPost, base+"/sagas", `{"type": "preorder", "data": {"sku": "A", "quantity": 0}}`)
	require.Equal(t, http.StatusUnprocessableEntity, status, body)
	require.JSONEq(t, `{"error": "data does not match the input schema: at /quantity: minimum: got 0, want 1"}`, body)

	status, body = call(t, http.MethodPost, base+"/sagas", `{"type": "preorder", "data": {"sku": "A", "quantity": 2}}`)
	require.Equal(t, http.StatusAccepted, status, body)
	var started struct {
		SagaID string `json:"saga_id"`
		State  string `json:"state"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &started))
	require.Equal(t, "RUNNING", started.State)

	env := f.command(t, "preorders.commands")
	require.Equal(t, "Hold", env.Type)
	require.Equal(t, started.SagaID, env.SagaID)
	require.JSONEq(t, `{"sku": "A", "quantity": 2, "saga": "`+started.SagaID+`", "note": "hold 2 of A"}`, string(env.Data))

	status, body = call(t, http.MethodGet, base+"/saga-types", "")
	require.Equal(t, http.StatusOK, status, body)
	require.Contains(t, body, `"type":"preorder"`)
	require.Contains(t, body, `"payload":{"note":"hold ${input.quantity} of ${input.sku}"`, "the template is part of the type")
}

func TestAFileThatDoesNotValidateStopsTheStart(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "preorder.yaml", strings.Replace(preorderFile, "${steps.hold.result.hold_id}", "${steps.pay.result.id}", 1))
	_, err := buildWithFiles(t, filepath.Join(t.TempDir(), "o.db"), dir)
	require.EqualError(t, err, bad+`: step "hold": compensation.payload.hold: path ${steps.pay.result.id} names neither this step nor an earlier one`)

	order := writeFile(t, t.TempDir(), "order.json", `{"type": "order", "version": 1, "steps": [{"name": "a", "participant": "p",
		"action": {"command": "A", "success": "B", "failure": "C"}}]}`)
	_, err = buildWithFiles(t, filepath.Join(t.TempDir(), "o.db"), order)
	require.EqualError(t, err, order+`: version: saga type "order" version 1 is built into the orchestrator; give the file another type or version`)
}

func TestAChangedFileNeedsANewVersion(t *testing.T) {
	dir, dbPath := t.TempDir(), filepath.Join(t.TempDir(), "orchestrator.db")
	run := func() error {
		f, err := buildWithFiles(t, dbPath, dir)
		require.NoError(t, err)
		if err := f.app.Start(t.Context()); err != nil {
			return err
		}
		stopApp(t, f.app)
		return nil
	}
	path := writeFile(t, dir, "preorder.yaml", preorderFile)
	require.NoError(t, run())
	require.NoError(t, run(), "the same file starts again")

	changed := strings.Replace(preorderFile, "hold ${input.quantity} of ${input.sku}", "hold ${input.sku}", 1)
	require.NoError(t, os.WriteFile(path, []byte(changed), 0o644))
	require.EqualError(t, run(), `saga type "preorder" version 1 is already registered with other steps; give the changed definition a new version`,
		"a changed payload template is a changed definition")

	writeFile(t, dir, "preorder-v2.yaml", strings.Replace(changed, "version: 1", "version: 2", 1))
	require.NoError(t, os.WriteFile(path, []byte(preorderFile), 0o644))
	require.NoError(t, run(), "the new version registers next to the old one")
}
