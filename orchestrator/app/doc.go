// Package app wires the orchestrator process: the saga engine
// (saga/engine) over PostgreSQL and Redis with the order application on
// it: the order saga and its finish hook, POST /orders and GET
// /orders/{id}, the orders.events consumer and the sweeper of stalled
// orders, behind one Start/Stop lifecycle.
package app
