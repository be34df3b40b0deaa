package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/cli"
)

// offline runs the command line with no orchestrator anywhere.
func offline(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	getenv := func(string) string { return "" }
	code = cli.Run(ctx, args, getenv, &out, &errOut)
	return code, out.String(), errOut.String()
}

const (
	shipJSON = `{"type": "ship", "version": 2, "steps": [
  {"name": "pack", "participant": "warehouse.commands", "action": {"command": "Pack", "success": "Packed", "failure": "NotPacked"}},
  {"name": "send", "participant": "post.commands", "action": {"command": "Send", "success": "Sent", "failure": "Lost",
   "payload": {"parcel": "${steps.pack.result.parcel}"}}}]}`
	refundYAML = "type: refund\nsteps:\n  - name: pay_back\n    participant: payment.commands\n" +
		"    action: {command: RefundPayment, success: PaymentRefunded, failure: RefundFailed}\n"
)

func definitionsDir(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	return dir
}

func TestDefinitionsValidatePrintsWhatTheFilesDefine(t *testing.T) {
	dir := definitionsDir(t, map[string]string{"ship.json": shipJSON, "refund.yaml": refundYAML})
	code, out, errOut := offline("definitions", "validate", dir)
	require.Equal(t, 0, code, errOut)
	require.Empty(t, errOut)
	require.Equal(t, []string{
		"FILE" + pad(dir, "/refund.yaml") + "TYPE    VERSION  STEPS",
		dir + "/refund.yaml  refund  1        pay_back",
		dir + "/ship.json    ship    2        pack, send",
	}, lines(out))

	code, out, _ = offline("definitions", "validate", filepath.Join(dir, "ship.json"), "--json")
	require.Equal(t, 0, code)
	var doc struct {
		Definitions []struct {
			File       string `json:"file"`
			Definition struct {
				Type  string            `json:"type"`
				Steps []json.RawMessage `json:"steps"`
			} `json:"definition"`
		} `json:"definitions"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Definitions, 1)
	require.Equal(t, filepath.Join(dir, "ship.json"), doc.Definitions[0].File)
	require.Equal(t, "ship", doc.Definitions[0].Definition.Type)
	var send struct {
		Action struct {
			Payload json.RawMessage `json:"payload"`
		} `json:"action"`
	}
	require.NoError(t, json.Unmarshal(doc.Definitions[0].Definition.Steps[1], &send))
	require.JSONEq(t, `{"parcel": "${steps.pack.result.parcel}"}`, string(send.Action.Payload))

	code, out, _ = offline("definitions", "validate", t.TempDir())
	require.Equal(t, 0, code)
	require.Contains(t, out, "no definition files (*.json, *.yaml, *.yml) in ")
}

// pad is the spaces after FILE in a column as wide as dir+longest.
func pad(dir, longest string) string {
	return string(bytes.Repeat([]byte(" "), len(dir+longest)+2-len("FILE")))
}

func TestDefinitionsValidatePrintsOneLinePerProblemAndExits1(t *testing.T) {
	dir := definitionsDir(t, map[string]string{
		"a.json":     `{"type": "a", "steps": [{"name": "x", "participant": "p", "action": {"command": "A", "success": "B"}, "undo": 1}]}`,
		"b.yaml":     "type: order\nsteps: [{name: x, participant: p, action: {command: A, success: B, failure: C}}]\n",
		"ship.json":  shipJSON,
		"ship2.json": shipJSON,
	})
	code, out, errOut := offline("definitions", "validate", dir)
	require.Equal(t, 1, code)
	require.Empty(t, out)
	require.Equal(t, []string{
		dir + `/a.json: step "x": undo: unknown field (known: name, participant, timeout, retry, action, compensation)`,
		dir + `/a.json: step "x": action.failure: missing`,
		dir + `/ship2.json: version: saga type "ship" version 2 is defined in ` + dir + `/ship.json too`,
	}, lines(errOut))

	fixed := definitionsDir(t, map[string]string{"b.yaml": "type: order\nsteps: [{name: x, participant: p, action: {command: A, success: B, failure: C}}]\n"})
	code, _, errOut = offline("definitions", "validate", fixed)
	require.Equal(t, 1, code)
	require.Equal(t, fixed+`/b.yaml: version: saga type "order" version 1 is built into the orchestrator; give the file another type or version`+"\n", errOut)

	code, _, errOut = offline("definitions", "validate", filepath.Join(dir, "nope.json"))
	require.Equal(t, 1, code)
	require.Equal(t, filepath.Join(dir, "nope.json")+": no such file or folder\n", errOut)
}

func TestDefinitionsValidateUsage(t *testing.T) {
	code, _, errOut := offline("definitions", "validate")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "orchestrator definitions validate: missing <file-or-folder>")
	code, _, errOut = offline("definitions", "check", "x")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `unknown command "definitions check"`)
	code, out, _ := offline("definitions", "validate", "-h")
	require.Equal(t, 0, code)
	require.Contains(t, out, "usage: orchestrator definitions validate <file-or-folder> [--json]\n")
	require.NotContains(t, out, "--url")
	code, _, _ = offline("definitions", "validate", "--url", "not a url", t.TempDir())
	require.Equal(t, 0, code, "an offline command does not use --url")
}
