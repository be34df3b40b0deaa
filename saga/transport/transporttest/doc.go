// Package transporttest is the conformance suite of the transport
// interfaces: Run exercises a Publisher, Subscriber and DeadLetters
// implementation through the contract documented in package transport, so
// that every transport, real or in-memory, behaves the same to the engine.
//
// The suite waits on signals with a generous timeout and never asserts on
// elapsed time, so a transport may redeliver after any delay it likes; keep
// its redelivery delay short in the factory to keep the suite quick.
package transporttest
