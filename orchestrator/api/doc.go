// Package api is the orchestrator's HTTP API: POST /orders, GET
// /orders/{id}, GET /sagas/{id}, GET /sagas, /healthz and, given WithDLQ,
// GET /dlq and POST /dlq/{stream}/{id}/replay for dead letters; JSON in and
// out, errors as {"error": "..."}.
package api
