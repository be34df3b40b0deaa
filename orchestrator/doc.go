// Package orchestrator is the streamsaga orchestrator service: the order
// application, the engine's first user, built on the public engine API
// (saga/engine). Its subpackages hold the order saga definition
// (ordersaga), order placement, the OrderCreated handler, the finish hook
// and the sweeper (orders), the order routes (api), the process wiring
// (app), dev mode (dev) and the operator CLI (cli). The binary is
// orchestrator/cmd/orchestrator.
package orchestrator
