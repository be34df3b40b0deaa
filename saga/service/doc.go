// Package service runs a streamsaga process: it waits for its back ends at
// start with a visible message, starts its components in order, and on
// SIGINT/SIGTERM stops them in reverse order within a deadline.
package service
