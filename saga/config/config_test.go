package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/admission"
	"github.com/streamsaga/streamsaga/saga/retention"
)

func TestLoadDefaults(t *testing.T) {
	for _, k := range []string{"DATABASE_URL", "REDIS_URL", "HTTP_ADDR", "STREAM_PREFIX", "LOG_LEVEL", "API_TOKEN", "STARTUP_TIMEOUT", "CLAIM_MIN_IDLE", "INBOX_RETENTION", "SAGA_RETENTION", "ADMISSION_MAX_WAIT"} {
		t.Setenv(k, "")
	}
	c, err := Load("127.0.0.1:9999")
	require.NoError(t, err)
	require.Equal(t, DefaultDatabaseURL, c.DatabaseURL)
	require.Equal(t, DefaultRedisURL, c.RedisURL)
	require.Equal(t, "127.0.0.1:9999", c.HTTPAddr)
	require.Equal(t, logrus.InfoLevel, c.LogLevel)
	require.Equal(t, 30*time.Second, c.StartupTimeout)
	require.Equal(t, 30*time.Second, c.ClaimMinIdle)
	require.Equal(t, 7*24*time.Hour, c.InboxRetention)
	require.Equal(t, 30*24*time.Hour, c.SagaRetention)
	require.Equal(t, admission.DefaultMaxWait, c.AdmissionMaxWait)
}

func TestLoadRejectsBadValues(t *testing.T) {
	t.Setenv("LOG_LEVEL", "loud")
	_, err := Load("")
	require.ErrorContains(t, err, "LOG_LEVEL")
	t.Setenv("LOG_LEVEL", "debug")
	t.Setenv("CLAIM_MIN_IDLE", "soon")
	_, err = Load("")
	require.ErrorContains(t, err, "CLAIM_MIN_IDLE")
	t.Setenv("CLAIM_MIN_IDLE", "2s")
	t.Setenv("STREAM_PREFIX", "prod:")
	c, err := Load("")
	require.NoError(t, err)
	require.Equal(t, 2*time.Second, c.ClaimMinIdle)
	require.Equal(t, "prod:", c.StreamPrefix)
	require.Equal(t, logrus.DebugLevel, c.LogLevel)
}

func TestLoadInboxRetention(t *testing.T) {
	for _, k := range []string{"LOG_LEVEL", "STARTUP_TIMEOUT", "CLAIM_MIN_IDLE"} {
		t.Setenv(k, "")
	}
	for _, bad := range []string{"a week", "-168h", "0s", "59m"} {
		t.Setenv("INBOX_RETENTION", bad)
		_, err := Load("")
		require.ErrorContains(t, err, "INBOX_RETENTION", bad)
	}
	t.Setenv("INBOX_RETENTION", "720h")
	c, err := Load("")
	require.NoError(t, err)
	require.Equal(t, 30*24*time.Hour, c.InboxRetention)
	t.Setenv("INBOX_RETENTION", "1h")
	c, err = Load("")
	require.NoError(t, err)
	require.Equal(t, MinInboxRetention, c.InboxRetention)
}

func TestLoadSagaRetention(t *testing.T) {
	for _, k := range []string{"LOG_LEVEL", "STARTUP_TIMEOUT", "CLAIM_MIN_IDLE", "INBOX_RETENTION"} {
		t.Setenv(k, "")
	}
	for _, bad := range []string{"a month", "-720h", "59m", "1s", "never"} {
		t.Setenv("SAGA_RETENTION", bad)
		_, err := Load("")
		require.EqualError(t, err, `SAGA_RETENTION "`+bad+`" is not a duration of at least 1h0m0s such as 720h, nor 0 or off to keep every saga`)
	}
	for v, want := range map[string]time.Duration{"720h": 30 * 24 * time.Hour, "1h": MinSagaRetention, " 2160h ": 90 * 24 * time.Hour,
		"0": retention.Off, "0s": retention.Off, "off": retention.Off, "OFF": retention.Off} {
		t.Setenv("SAGA_RETENTION", v)
		c, err := Load("")
		require.NoError(t, err, v)
		require.Equal(t, want, c.SagaRetention, v)
	}
}

func TestLoadAdmissionMaxWait(t *testing.T) {
	for _, bad := range []string{"a second", "-1s", "1", "never"} {
		t.Setenv("ADMISSION_MAX_WAIT", bad)
		_, err := Load("")
		require.EqualError(t, err, `ADMISSION_MAX_WAIT "`+bad+`" is not a positive duration such as 1s, nor 0 or off to admit every saga`)
	}
	for v, want := range map[string]time.Duration{"1s": time.Second, " 250ms ": 250 * time.Millisecond,
		"0": admission.Off, "0s": admission.Off, "off": admission.Off, "OFF": admission.Off} {
		t.Setenv("ADMISSION_MAX_WAIT", v)
		c, err := Load("")
		require.NoError(t, err, v)
		require.Equal(t, want, c.AdmissionMaxWait, v)
	}
}

func TestLoadAllowedHosts(t *testing.T) {
	t.Setenv("ALLOWED_HOSTS", "")
	c, err := Load("")
	require.NoError(t, err)
	require.Nil(t, c.AllowedHosts, "unset: the server's defaults")
	t.Setenv("ALLOWED_HOSTS", " orders.example.com, ,localhost ")
	c, err = Load("")
	require.NoError(t, err)
	require.Equal(t, []string{"orders.example.com", "localhost"}, c.AllowedHosts)
}

func TestLoadSagaDefinitions(t *testing.T) {
	for _, k := range []string{"LOG_LEVEL", "STARTUP_TIMEOUT", "CLAIM_MIN_IDLE", "INBOX_RETENTION"} {
		t.Setenv(k, "")
	}
	t.Setenv("SAGA_DEFINITIONS", "")
	c, err := Load("")
	require.NoError(t, err)
	require.Empty(t, c.SagaDefinitions, "unset: no definition files")

	dir := t.TempDir()
	file := filepath.Join(dir, "trip.yaml")
	require.NoError(t, os.WriteFile(file, []byte("type: trip\n"), 0o644))
	for _, v := range []string{dir, file, " " + file + " "} {
		t.Setenv("SAGA_DEFINITIONS", v)
		c, err = Load("")
		require.NoError(t, err)
		require.Equal(t, strings.TrimSpace(v), c.SagaDefinitions)
	}

	missing := filepath.Join(dir, "nope")
	t.Setenv("SAGA_DEFINITIONS", missing)
	_, err = Load("")
	require.EqualError(t, err, `SAGA_DEFINITIONS "`+missing+`" is not a definition file or folder that can be read: no such file or directory`)
}
