// Package admission refuses new sagas while the sagas already running
// cannot keep up: when more work arrives than the installation finishes,
// the commands and replies of running sagas wait longer and longer in their
// streams, step timeouts fire and commands are sent again, and every saga
// ends late or is compensated. The Gate measures that wait (how long the
// oldest message not yet read has waited, for each consumer group that is
// reading) and, above a bound, has the HTTP API answer a request for a new
// saga 503 with Retry-After, so that the sagas in flight finish in time
// and clients retry when there is room.
//
// A group that reads nothing for a while (its service is down) is taken
// for stopped, not slow: its backlog is left out, as sagas waiting for it
// lose nothing by waiting and new ones may still be taken.
package admission
