// Package backend names a service's database whichever driver it runs on.
// DB is the interface the transport, the relay, the courier (publishing
// right after commit, where the driver supports it), the inbox pruner and
// the health check get what they need from; each driver implements it next
// to its own code: pg.NewBackend (a pool whose search_path is the
// service's schema) and sqlite.NewBackend (an embedded file, dev mode).
// A participant's database is also a BarrierPruner, the delete of its
// barrier retention. The services differ by driver only in the one line
// that builds their store over the concrete value, and a new driver slots
// in without a change here.
package backend
