package config

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/admission"
	"github.com/streamsaga/streamsaga/saga/retention"
)

// Defaults for a local installation.
const (
	DefaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	DefaultRedisURL    = "redis://127.0.0.1:6379/0"
)

// Config is the environment of one service.
type Config struct {
	// DatabaseURL is DATABASE_URL. Optional: default DefaultDatabaseURL.
	DatabaseURL string
	// RedisURL is REDIS_URL. Optional: default DefaultRedisURL.
	RedisURL string
	// HTTPAddr is HTTP_ADDR. Optional: default the service's own address.
	HTTPAddr string
	// StreamPrefix is STREAM_PREFIX, prepended to every stream key and
	// consumer group. Optional: default "".
	StreamPrefix string
	// StreamShards is STREAM_SHARDS: on a Redis Cluster, how many keys each
	// logical stream is spread over, 1 to MaxStreamShards; ignored on a
	// single Redis. Every process of an installation must use the same.
	// Optional: default DefaultStreamShards (16).
	StreamShards int
	// LogLevel is LOG_LEVEL (debug, info, warn, error). Optional: default info.
	LogLevel logrus.Level
	// APIToken is API_TOKEN; when set every HTTP request but /healthz and
	// /metrics needs "Authorization: Bearer <token>". Optional: default "".
	APIToken string
	// AllowedHosts is ALLOWED_HOSTS, comma-separated: the host names (port
	// ignored; "*" for any) the HTTP API answers, against DNS rebinding.
	// Optional: default localhost, 127.0.0.1, ::1 and the host of HTTPAddr.
	AllowedHosts []string
	// StartupTimeout is STARTUP_TIMEOUT, how long to wait for Postgres and
	// Redis at start before giving up. Optional: default 30s.
	StartupTimeout time.Duration
	// ClaimMinIdle is CLAIM_MIN_IDLE: a stream entry delivered to a consumer
	// that has not acknowledged it for this long (it crashed, or its handler
	// failed) is taken over by another consumer. Keep it well above the
	// longest handler run. Optional: default 30s.
	ClaimMinIdle time.Duration
	// InboxRetention is INBOX_RETENTION, how long the ids of handled
	// messages are kept in the inbox before they are pruned; a message older
	// than that can no longer arrive again. Optional: default 168h (7 days),
	// at least MinInboxRetention.
	InboxRetention time.Duration
	// SagaRetention is SAGA_RETENTION: how long a finished saga (COMPLETED
	// or COMPENSATED) and its history are kept by the orchestrator, and
	// how long a participant keeps the barrier records of saga steps (at
	// least InboxRetention there), before they are purged. FAILED and
	// parked sagas are kept. "0" or "off" keeps everything
	// (retention.Off). Optional: default 720h (30 days), at least
	// MinSagaRetention.
	SagaRetention time.Duration
	// SagaDefinitions is SAGA_DEFINITIONS: a saga definition file, or a
	// folder whose *.json, *.yaml and *.yml files (not those of its
	// subfolders) are definition files, loaded by the orchestrator next to
	// its built-in sagas (see saga/defs). It must exist. Optional: default
	// "" (none).
	SagaDefinitions string
	// StreamLinger is STREAM_LINGER: the least time between the starts of
	// two reads of a stream by one consumer while reads bring fewer
	// entries than a full batch, so that at a light load a read brings
	// the messages of several sagas, handled in one transaction, for up
	// to that much more latency per hop. 0 to MaxStreamLinger. Optional:
	// default 0 (every read at once).
	StreamLinger time.Duration
	// OrderEventsLinger is ORDER_EVENTS_LINGER (the orchestrator's): the
	// pacing of its reads of orders.events, in place of StreamLinger (see
	// transport.SubscriptionConfig.Linger). The events it reads there are
	// nearly all its own, read only to be acknowledged: the OrderCreated
	// of orders whose saga started with them, and OrderApproved and
	// OrderRejected. An OrderCreated another service publishes starts its
	// saga up to that much later. 0 to MaxStreamLinger; 0 paces them by
	// StreamLinger. Optional: default DefaultOrderEventsLinger.
	OrderEventsLinger time.Duration
	// AdmissionMaxWait is ADMISSION_MAX_WAIT (the orchestrator's): while a
	// message of the running sagas has waited longer than this in a
	// stream, for a consumer group that reads it, new sagas and orders are
	// refused with 503 and Retry-After (see saga/admission). "0" or "off"
	// admits every one (admission.Off). Optional: default 1s.
	AdmissionMaxWait time.Duration
}

// STREAM_SHARDS bounds: its default, and the most shards a stream can be
// spread over.
const (
	DefaultStreamShards = 16
	MaxStreamShards     = 256
)

// DefaultOrderEventsLinger is ORDER_EVENTS_LINGER's default: at 150
// orders/s a read of orders.events then takes about 15 events instead of
// one.
const DefaultOrderEventsLinger = 50 * time.Millisecond

// MaxStreamLinger is the longest STREAM_LINGER accepted: a longer wait
// between reads would hold every message of a light load for longer than
// a saga step takes.
const MaxStreamLinger = time.Second

// MinInboxRetention is the shortest INBOX_RETENTION accepted: a shorter one
// could forget a message before its redeliveries and resends are over.
const MinInboxRetention = time.Hour

// MinSagaRetention is the shortest SAGA_RETENTION accepted: a shorter one
// could purge a saga while replies to it are still on their way.
const MinSagaRetention = time.Hour

// Variables are the environment variables Load reads.
var Variables = []string{"DATABASE_URL", "REDIS_URL", "HTTP_ADDR", "STREAM_PREFIX", "STREAM_SHARDS", "LOG_LEVEL", "API_TOKEN",
	"STARTUP_TIMEOUT", "CLAIM_MIN_IDLE", "INBOX_RETENTION", "SAGA_RETENTION", "PPROF_ADDR", "ALLOWED_HOSTS", "SAGA_DEFINITIONS",
	"ADMISSION_MAX_WAIT", "STREAM_LINGER", "ORDER_EVENTS_LINGER"}

// Load reads the environment. defaultAddr is the service's HTTP address.
func Load(defaultAddr string) (Config, error) {
	c := Config{
		DatabaseURL:  envOr("DATABASE_URL", DefaultDatabaseURL),
		RedisURL:     envOr("REDIS_URL", DefaultRedisURL),
		HTTPAddr:     envOr("HTTP_ADDR", defaultAddr),
		StreamPrefix: os.Getenv("STREAM_PREFIX"),
		APIToken:     os.Getenv("API_TOKEN"),
		AllowedHosts: list(os.Getenv("ALLOWED_HOSTS")),
	}
	lvl, err := logrus.ParseLevel(envOr("LOG_LEVEL", "info"))
	if err != nil {
		return c, fmt.Errorf("LOG_LEVEL: %w", err)
	}
	c.LogLevel = lvl
	c.StreamShards, err = strconv.Atoi(envOr("STREAM_SHARDS", strconv.Itoa(DefaultStreamShards)))
	if err != nil || c.StreamShards < 1 || c.StreamShards > MaxStreamShards {
		return c, fmt.Errorf("STREAM_SHARDS %q is not a whole number from 1 to %d", os.Getenv("STREAM_SHARDS"), MaxStreamShards)
	}
	c.StartupTimeout, err = time.ParseDuration(envOr("STARTUP_TIMEOUT", "30s"))
	if err != nil || c.StartupTimeout < 0 {
		return c, fmt.Errorf("STARTUP_TIMEOUT %q is not a duration such as 30s", os.Getenv("STARTUP_TIMEOUT"))
	}
	c.ClaimMinIdle, err = time.ParseDuration(envOr("CLAIM_MIN_IDLE", "30s"))
	if err != nil || c.ClaimMinIdle <= 0 {
		return c, fmt.Errorf("CLAIM_MIN_IDLE %q is not a positive duration such as 30s", os.Getenv("CLAIM_MIN_IDLE"))
	}
	if c.StreamLinger, err = linger("STREAM_LINGER", 0); err != nil {
		return c, err
	}
	if c.OrderEventsLinger, err = linger("ORDER_EVENTS_LINGER", DefaultOrderEventsLinger); err != nil {
		return c, err
	}
	c.InboxRetention, err = time.ParseDuration(envOr("INBOX_RETENTION", "168h"))
	if err != nil || c.InboxRetention < MinInboxRetention {
		return c, fmt.Errorf("INBOX_RETENTION %q is not a duration of at least %s such as 168h", os.Getenv("INBOX_RETENTION"), MinInboxRetention)
	}
	if c.SagaRetention, err = sagaRetention(envOr("SAGA_RETENTION", "720h")); err != nil {
		return c, err
	}
	if c.AdmissionMaxWait, err = admissionMaxWait(envOr("ADMISSION_MAX_WAIT", "1s")); err != nil {
		return c, err
	}
	c.SagaDefinitions, err = definitionsPath(os.Getenv("SAGA_DEFINITIONS"))
	return c, err
}

// linger reads the environment variable name: a duration from 0 to
// MaxStreamLinger, def when it is unset.
func linger(name string, def time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(envOr(name, def.String()))
	if err != nil || d < 0 || d > MaxStreamLinger {
		return 0, fmt.Errorf("%s %q is not a duration from 0 to %s such as 10ms", name, os.Getenv(name), MaxStreamLinger)
	}
	return d, nil
}

// admissionMaxWait reads ADMISSION_MAX_WAIT: a positive duration, or "0"
// or "off" for admission.Off.
func admissionMaxWait(v string) (time.Duration, error) {
	d, ok := durationOrOff(v, time.Nanosecond, admission.Off)
	if !ok {
		return 0, fmt.Errorf("ADMISSION_MAX_WAIT %q is not a positive duration such as 1s, nor 0 or off to admit every saga", v)
	}
	return d, nil
}

// sagaRetention reads SAGA_RETENTION: a duration of at least
// MinSagaRetention, or "0" or "off" for retention.Off.
func sagaRetention(v string) (time.Duration, error) {
	d, ok := durationOrOff(v, MinSagaRetention, retention.Off)
	if !ok {
		return 0, fmt.Errorf("SAGA_RETENTION %q is not a duration of at least %s such as 720h, nor 0 or off to keep every saga",
			v, MinSagaRetention)
	}
	return d, nil
}

// durationOrOff reads a duration of at least least, or "off" or a zero
// duration for off; ok is false for anything else.
func durationOrOff(v string, least, off time.Duration) (d time.Duration, ok bool) {
	if strings.EqualFold(v, "off") {
		return off, true
	}
	d, err := time.ParseDuration(v)
	switch {
	case err == nil && d == 0:
		return off, true
	case err != nil || d < least:
		return 0, false
	}
	return d, true
}

// definitionsPath checks SAGA_DEFINITIONS: empty, or a file or folder
// that exists.
func definitionsPath(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	if _, err := os.Stat(v); err != nil {
		return "", fmt.Errorf("SAGA_DEFINITIONS %q is not a definition file or folder that can be read: %w", v, unwrapPath(err))
	}
	return v, nil
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// list splits a comma-separated value, dropping blank entries; nil when
// there are none.
func list(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func envOr(key, def string) string {
	if v := strings.TrimSpace(os.Getenv(key)); v != "" {
		return v
	}
	return def
}
