// Package orderenv opens, for tests, an orchestrator database with the
// order app's table, the engine's store and the order store over it, on
// the driver the machine has (see saga/driver/driverenv).
package orderenv
