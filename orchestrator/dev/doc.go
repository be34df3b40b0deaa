// Package dev runs the whole system in one process for a first look: the
// orchestrator, the inventory and the payment services on their usual
// ports, and (Options.Examples) the trip example of examples/trip, its
// saga type and its flights, hotels and cars participants, over an
// embedded Redis (miniredis, a real RESP server on loopback,
// driven through the same go-redis transport) and embedded SQLite files
// under a data directory, so state survives a restart. DATABASE_URL and
// REDIS_URL switch either part to the real thing; REDIS_URL may name a
// Redis Cluster, whose streams are then spread over STREAM_SHARDS keys. The engine, transport,
// relay and services are the production code; only the drivers differ.
package dev
