// Package drivertest is the conformance suite of the engine's store: every
// driver (pgdriver, sqlitedriver) runs Run against a fresh store.
package drivertest
