// Package resourcetest is the suite of an HTTP API served by
// resource.NewHandler: Run checks, over HTTP alone, the round trip of a
// record, the 404 of an unknown key, the validation of a PUT (nothing is
// stored for a rejected request), the routes and /healthz. Every service
// runs it against its real store; package resource runs it in memory.
package resourcetest
