// Package cli is the operator command line of the orchestrator binary:
// "orchestrator sagas list|show|retry" and "orchestrator dlq
// list|streams|replay". Each subcommand is one or a few calls to a running
// orchestrator's HTTP API (GET /sagas, GET /sagas/{id}, GET /orders/{id},
// POST /sagas/{id}/retry, GET /dlq, GET /dlq/streams, POST
// /dlq/{stream}/{id}/replay), printed as aligned tables or, with --json,
// as the API's JSON as it came. "orchestrator definitions validate PATH"
// calls no API: it reads saga definition files as SAGA_DEFINITIONS loads
// them and prints one line per problem, or what they define.
//
// Global flags, accepted before or after the subcommand: --url (default
// ORCHESTRATOR_URL, else http://127.0.0.1:8080), --json and --timeout (of
// each request). API_TOKEN, when set, is sent as a bearer token.
//
// Exit codes: 0 on success, 1 when a request fails (the API's error
// message and status, or why the server could not be reached, in one line
// on stderr) or a definition file has problems (one line each on stderr),
// 2 for a usage error (with the usage text on stderr).
//
// Main is the entry point of the binary; Run is the same with the
// environment and context passed in, for tests.
package cli
