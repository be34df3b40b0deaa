// Package runner drives sagas: it starts an instance when its trigger event
// arrives and advances it on every participant reply, each in one
// transaction that records the message in the inbox, saves the instance with
// an optimistic version check, appends the history and writes the next
// commands to the outbox. On a version conflict the whole transaction is
// retried, so two replies racing for one saga never lose an update.
//
// A runner holds the running sagas it committed last (held), so that a
// reply to one is applied without reading it: on a driver whose Tx is a
// driver.FreshMarker the reply's inbox row and the saga's version-checked
// save travel with the commit, and anything a held saga missed rolls the
// transaction back and has the reply applied on a fresh read.
package runner
