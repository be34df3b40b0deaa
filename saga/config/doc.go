// Package config reads the environment every streamsaga binary shares:
// DATABASE_URL, REDIS_URL, HTTP_ADDR, STREAM_PREFIX, LOG_LEVEL, API_TOKEN,
// STARTUP_TIMEOUT and CLAIM_MIN_IDLE.
package config
