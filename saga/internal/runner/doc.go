// Package runner drives sagas: it starts an instance when its trigger event
// arrives and advances it on every participant reply, each in one
// transaction that records the message in the inbox, saves the instance with
// an optimistic version check, appends the history and writes the next
// commands to the outbox. On a version conflict the whole transaction is
// retried, so two replies racing for one saga never lose an update.
package runner
