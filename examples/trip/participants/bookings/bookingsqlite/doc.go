// Package bookingsqlite runs the trip example's participants on an SQLite
// file, as the orchestrator's dev mode does.
package bookingsqlite
