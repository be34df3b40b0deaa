package dev_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/dev"
	"github.com/streamsaga/streamsaga/saga/config"
)

const shipFile = `{"type": "ship", "version": 3, "steps": [{"name": "pack", "participant": "warehouse.commands",
  "action": {"command": "Pack", "success": "Packed", "failure": "NotPacked", "payload": {"order": "${input.order_id}"}}}]}`

// The dev mode registers the saga types of SAGA_DEFINITIONS next to the
// order saga, and refuses to run with a file that does not validate.
func TestDevModeLoadsSagaDefinitionFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ship.json"), []byte(shipFile), 0o644))
	t.Setenv("SAGA_DEFINITIONS", dir)
	o := options(t, t.TempDir())
	stop := start(t, o)
	var types struct {
		SagaTypes []struct {
			Type    string `json:"type"`
			Version int    `json:"version"`
		} `json:"saga_types"`
	}
	getJSON(t, "http://"+o.OrchestratorAddr+"/saga-types", &types)
	require.Len(t, types.SagaTypes, 2)
	require.Equal(t, "ship", types.SagaTypes[1].Type)
	require.Equal(t, 3, types.SagaTypes[1].Version)
	resp, err := http.Post("http://"+o.OrchestratorAddr+"/sagas", "application/json",
		strings.NewReader(`{"type": "ship", "data": {"order_id": "o-1"}}`))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusAccepted, resp.StatusCode)
	require.NoError(t, stop())

	bad := filepath.Join(dir, "ship.json")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Replace(shipFile, "${input.order_id}", "${order_id}", 1)), 0o644))
	o = options(t, t.TempDir())
	cfg, err := config.Load(o.OrchestratorAddr)
	require.NoError(t, err)
	cfg.LogLevel = logrus.ErrorLevel
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = dev.Run(ctx, o, cfg)
	require.EqualError(t, err, bad+`: step "pack": action.payload.order: path ${order_id} must start with input, steps or saga`)
}
