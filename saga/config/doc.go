// Package config reads the environment every streamsaga binary shares:
// DATABASE_URL, REDIS_URL, HTTP_ADDR, STREAM_PREFIX, STREAM_SHARDS,
// LOG_LEVEL, API_TOKEN, STARTUP_TIMEOUT, CLAIM_MIN_IDLE, INBOX_RETENTION,
// SAGA_RETENTION, ALLOWED_HOSTS, SAGA_DEFINITIONS, ADMISSION_MAX_WAIT and
// STREAM_LINGER, and tunes the Go runtime the same way in each: GOGC
// (TuneGC) and RUNTIME_MONITOR_SLACK (TuneMonitor).
//
// SAGA_RETENTION (default 720h, at least 1h; 0 or off keeps everything) is
// how long the orchestrator keeps a COMPLETED or COMPENSATED saga and its
// history after it finished, and how long a participant keeps the barrier
// records of saga steps (never less than INBOX_RETENTION there); older
// ones are purged every minute. FAILED and parked sagas are never purged.
package config
