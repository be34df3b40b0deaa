// Package drivertest is the conformance suite of the orchestrator store:
// every driver (Postgres now, others later) runs Run against a fresh store.
package drivertest
