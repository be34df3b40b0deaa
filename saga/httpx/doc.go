// Package httpx holds the HTTP pieces every streamsaga service shares: JSON
// responses and {"error": ...} bodies, strict JSON request decoding with a
// size limit, bearer-token authentication, allowed Host names (against DNS
// rebinding), refusal of cross-site writes, panic recovery, request logging,
// the /healthz handler, a server with graceful shutdown and, with
// WithMetrics, request metrics by route template and GET /metrics.
package httpx
