// Package orchestrator is the streamsaga orchestrator service. Its
// subpackages hold the order saga definition (ordersaga), the order store
// (orderstore, which writes its table in the transactions of the engine's
// store, saga/driver), order placement and the order saga's hooks
// (orders), the saga runner that starts sagas on OrderCreated and advances
// them on replies (runner), the HTTP API (api) and the process wiring
// (app). The binary is orchestrator/cmd/orchestrator.
package orchestrator
