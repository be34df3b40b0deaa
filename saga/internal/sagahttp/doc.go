// Package sagahttp is the engine's HTTP API: GET /sagas, GET /sagas/{id},
// POST /sagas/{id}/retry, GET /saga-types, POST /sagas, /healthz, the saga
// explorer under /ui/ and, given WithDLQ, GET /dlq, GET /dlq/streams,
// GET /dlq/{stream}/{id} and POST /dlq/{stream}/{id}/replay for the dead
// letters of every stream the installation knows (the participant streams
// of the registered saga types, the application's own streams, the reply
// stream and the outbox); JSON in and out, errors as {"error": "..."}.
package sagahttp
