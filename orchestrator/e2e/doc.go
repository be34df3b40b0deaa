// Package e2e runs the three streamsaga services as real processes against
// real PostgreSQL and Redis and drives them through their HTTP APIs only,
// the way a user or an outside check does. It holds tests only.
package e2e
