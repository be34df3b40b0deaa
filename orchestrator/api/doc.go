// Package api is the order application's HTTP API: POST /orders and GET
// /orders/{id}, served next to the engine's saga API on one router, and
// the explanation GET /sagas/{id} gives for the saga of an order placed
// moments ago.
package api
