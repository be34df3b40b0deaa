// Package store defines the orchestrator's storage: orders, sagas and their
// history, plus the orchestrator's outbox and inbox, all behind small
// interfaces. Store is used outside transactions (reads, InTx); Tx is the
// transactional unit every state change and its outgoing messages share.
// Drivers live in subpackages (pgstore); storetest is the suite every
// driver must pass.
package store
