// Package sdktest is the conformance suite of the messaging half of a
// participant store: the inbox, barrier and outbox its transactions offer
// to the SDK. Every driver runs it through its service's suite (for example
// inventorytest.RunStore), so the SDK's guarantees hold on each of them.
package sdktest
