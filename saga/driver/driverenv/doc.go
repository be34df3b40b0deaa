// Package driverenv opens an orchestrator database and the engine's store
// over it for tests, on the driver the machine has: PostgreSQL when it
// answers, else an SQLite file. Tests of code above the store (runner,
// applications, API) run through it, so they run everywhere and cannot
// depend on the driver.
package driverenv
