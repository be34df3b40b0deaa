package logging_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/logging"
)

func TestSlogWritesLogrusJSON(t *testing.T) {
	var buf bytes.Buffer
	l := logrus.New()
	l.SetOutput(&buf)
	l.SetFormatter(&logrus.JSONFormatter{})
	entry := l.WithField("service", "svc")
	logging.Slog(entry).With("saga_id", "s1").Warn("slow", "ms", 12)
	var line map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &line))
	require.Equal(t, "warning", line["level"])
	require.Equal(t, "slow", line["msg"])
	require.Equal(t, "svc", line["service"])
	require.Equal(t, "s1", line["saga_id"])
	require.Equal(t, float64(12), line["ms"])
	require.Same(t, entry.Logger, logging.FromSlog(logging.Slog(entry)).Logger, "a logrus-backed slog logger is unwrapped")
}

func TestFromSlogForwardsToTheHandler(t *testing.T) {
	var buf bytes.Buffer
	log := logging.FromSlog(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo})))
	log.WithError(errors.New("boom")).WithField("stream", "x").Error("failed")
	log.Debug("not shown")
	var line map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &line), buf.String())
	require.Equal(t, "ERROR", line["level"])
	require.Equal(t, "failed", line["msg"])
	require.Equal(t, "boom", line["error"])
	require.Equal(t, "x", line["stream"])
	require.Equal(t, 1, bytes.Count(buf.Bytes(), []byte("\n")), "the debug line is below the handler's level")
}
