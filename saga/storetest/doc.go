// Package storetest holds conformance suites for the messaging stores: the
// outbox (outbox.Writer and outbox.Source), the inbox and the barrier. Any
// driver runs them by giving a Harness over a fresh store:
//
//	func TestMessaging(t *testing.T) {
//		storetest.RunMessaging(t, func(t *testing.T) storetest.Harness {
//			return newHarness(t) // an empty store of the driver under test
//		})
//	}
//
// The suites check effects, not just errors: what a relay publishes, in
// which order, how often, and what a second transaction sees. Recorder is a
// recording outbox.Publisher the suites use and relay tests can reuse.
package storetest
