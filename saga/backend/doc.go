// Package backend names a service's database whichever driver it runs on:
// PostgreSQL (a pool whose search_path is the service's schema) or an
// embedded SQLite file (dev mode). The transport, the relay, the courier
// (publishing right after commit, on PostgreSQL), the inbox pruner and the
// health check get what they need from it here, so the
// services differ by driver only in the one line that picks their store.
package backend
