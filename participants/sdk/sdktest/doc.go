// Package sdktest is the test kit of participant stores. RunTx is the
// conformance suite of the messaging half of a store: the inbox, barrier
// and outbox its transactions offer to the SDK. RunStore runs a service's
// own suite (for example inventorytest.RunStore) followed by RunTx, so the
// SDK's guarantees hold on every driver; InTx, MustInTx, RollBack and
// Concurrently are the transaction helpers such suites share, and Pool
// gives a test a PostgreSQL pool of its own.
package sdktest
