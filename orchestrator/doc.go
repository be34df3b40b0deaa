// Package orchestrator is the streamsaga orchestrator service. Its
// subpackages hold the order saga definition (ordersaga), the saga and order
// stores (saga/driver and its drivers), the saga runner that starts sagas on
// OrderCreated and advances them on replies (runner), the HTTP API (api) and
// the process wiring (app). The binary is orchestrator/cmd/orchestrator.
package orchestrator
