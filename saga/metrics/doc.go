// Package metrics holds streamsaga's Prometheus collectors. Each service
// registers them into a Registry of its own, never into the global default
// registry, so tests and the dev mode (three services in one process) do
// not collide; the service serves it at GET /metrics.
//
// Every service has:
//
//   - streamsaga_http_requests_total{route,method,code} and
//     streamsaga_http_request_duration_seconds{route,method,code}: route is
//     the router's path template (/orders/{id}), never the raw path, or
//     "unmatched";
//   - streamsaga_outbox_backlog_rows and streamsaga_outbox_oldest_age_seconds,
//     read from the service's outbox at scrape time (Outbox);
//   - on PostgreSQL, streamsaga_outbox_courier_queued_messages,
//     streamsaga_outbox_courier_published_total and
//     streamsaga_outbox_courier_left_to_relay_total, the figures of the
//     courier that publishes right after commit (Courier);
//   - streamsaga_stream_pending_entries{stream,group},
//     streamsaga_stream_lag_entries{stream,group} and
//     streamsaga_stream_dlq_entries{stream} for the streams the service
//     consumes, read from Redis at scrape time (Streams), each the sum over
//     the stream's shards; on a Redis Cluster, where streams are sharded,
//     also streamsaga_stream_shard_pending_entries{stream,group,shard},
//     streamsaga_stream_shard_lag_entries{stream,group,shard} and
//     streamsaga_stream_shard_dlq_entries{stream,shard};
//   - streamsaga_scrape_collector_success{collector}: 0 when a scrape-time
//     collector could not read its source;
//   - streamsaga_db_{transactions,statements,round_trips}_total,
//     streamsaga_redis_round_trips_total and
//     streamsaga_redis_commands_total{command}: what the process asked of
//     PostgreSQL and Redis (Calls, from iocount; the dev mode's one
//     process adds up its services');
//   - the Go runtime's go_* and the process's process_* series.
//
// The orchestrator adds the sagas' own (Sagas):
// streamsaga_sagas_{started,completed,compensated,failed}_total{saga_type},
// streamsaga_saga_duration_seconds{saga_type,state},
// streamsaga_saga_step_duration_seconds{saga_type,step,outcome},
// streamsaga_saga_step_{retries,timeouts}_total{saga_type,step} and
// streamsaga_sagas_purged_total (finished sagas the retention deleted);
// a participant adds streamsaga_barrier_records_purged_total.
package metrics
