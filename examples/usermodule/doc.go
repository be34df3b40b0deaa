// Package usermodule proves that a user defines a saga type of their own in
// their own Go module, without touching the engine. Its test writes such a
// module (testdata/preorders: an orchestrator main on the public engine API
// that runs the typed "preorder" saga, takes preorders at an endpoint of its
// own that writes the application's row and starts the saga in one
// transaction, and records each outcome with a finish hook; and a
// participant main on the participant SDK with tables of its own), builds it
// against this repository, runs both as processes on PostgreSQL and Redis
// and drives sagas to COMPLETED and COMPENSATED over HTTP. It holds tests
// only.
package usermodule
