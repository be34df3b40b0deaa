package transporttest

import (
	"testing"
	"time"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// WaitTimeout bounds every wait of the suite for a delivery, a dead letter
// or a stop.
const WaitTimeout = 15 * time.Second

// Transport is the implementation under test: all three interfaces.
type Transport interface {
	transport.Publisher
	transport.Subscriber
	transport.DeadLetters
}

// Factory returns a fresh transport for one test, isolated from every
// other test's streams, groups and dead letters, and cleans it up when the
// test ends.
type Factory func(t *testing.T) Transport

// Run runs every case of the suite, in parallel, each on a transport of
// its own from newTransport.
func Run(t *testing.T, newTransport Factory) {
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, newTransport(t))
		})
	}
}

type testCase struct {
	name string
	run  func(t *testing.T, tr Transport)
}

func cases() []testCase {
	return []testCase{
		{"DeliversEachMessageOnceWithItsFields", testDeliversOnceWithFields},
		{"EveryGroupGetsEveryMessage", testEveryGroupGetsEveryMessage},
		{"AckedMessageStaysAckedAfterRestart", testAckSurvivesRestart},
		{"SamePartitionKeyKeepsPublishOrder", testPartitionOrder},
		{"LingeringSubscriptionDeliversEverything", testLingerDeliversEverything},
		{"FailedMessageIsDeliveredAgain", testFailedIsRedelivered},
		{"PanicCountsAsFailure", testPanicIsRedelivered},
		{"UnavailableDoesNotCountDeliveries", testUnavailableIsHeld},
		{"PermanentErrorDeadLettersAtOnce", testPermanentDeadLetters},
		{"ExhaustedMessageIsDeadLettered", testExhaustedDeadLetters},
		{"DeadLetterIsListedFetchedAndReplayed", testReplay},
		{"UnknownDeadLetterIsNotFound", testUnknownDeadLetter},
		{"StopReturnsWhileReading", testStopWhileReading},
		{"UnsettledMessageIsRedeliveredAfterStop", testUnsettledRedelivered},
		{"LifecycleMisuseIsHarmless", testLifecycleMisuse},
		{"BacklogsTellWhatWaitsForEachGroup", testBacklogs},
	}
}
