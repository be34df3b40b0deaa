// Package api is the orchestrator's HTTP API: POST /orders, GET
// /orders/{id}, GET /sagas/{id}, GET /sagas and /healthz, JSON in and out,
// errors as {"error": "..."}.
package api
