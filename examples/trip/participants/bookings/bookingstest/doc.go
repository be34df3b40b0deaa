// Package bookingstest runs a trip participant in a test as the saga
// drives it: over a fresh database (SQLite, and PostgreSQL when it
// answers), commands go to its stream handler, replies are read back from
// its outbox, and its API answers in the process.
package bookingstest
