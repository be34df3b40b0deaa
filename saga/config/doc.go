// Package config reads the environment every streamsaga binary shares:
// DATABASE_URL, REDIS_URL, HTTP_ADDR, STREAM_PREFIX, LOG_LEVEL, API_TOKEN,
// STARTUP_TIMEOUT, CLAIM_MIN_IDLE, INBOX_RETENTION, ALLOWED_HOSTS and
// SAGA_DEFINITIONS.
package config
