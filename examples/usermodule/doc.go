// Package usermodule proves that a user defines a saga type of their own in
// their own Go module, without touching the engine. Its test writes such a
// module (testdata/preorders: an orchestrator main that registers the
// "preorder" saga next to the built-in ones, and a participant main on the
// participant SDK with tables of its own), builds it against this
// repository, runs both as processes on PostgreSQL and Redis and drives a
// saga to COMPLETED and another to COMPENSATED over HTTP. It holds tests
// only.
package usermodule
