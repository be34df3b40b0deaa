package stream

// OrchestratorReply is the engine's reply stream: the logical stream the
// orchestrator reads every participant's replies from, and the reply_to of
// the commands it sends. The streams a saga type's commands go to come from
// its definition (saga.Step.Participant), not from this package.
const OrchestratorReply = "orchestrator.replies"

// Outbox is the logical stream whose dead-letter stream ("outbox.dlq",
// after the prefix) holds the outbox messages Redis refused for good, such
// as a reply bound for a key that is not a stream. Nothing is published to
// the stream itself.
const Outbox = "outbox"

// DLQSuffix is appended to a stream key to name its dead-letter stream.
const DLQSuffix = ".dlq"

// Keys builds every Redis key and group name of an installation.
type Keys struct {
	// Prefix is prepended to every stream key and group name.
	// Optional: default "" (STREAM_PREFIX).
	Prefix string
}

// Stream returns the Redis key of a logical stream.
func (k Keys) Stream(name string) string { return k.Prefix + name }

// Group returns the consumer group name for a logical group.
func (k Keys) Group(name string) string { return k.Prefix + name }

// DLQ returns the Redis key of the dead-letter stream of a logical stream.
func (k Keys) DLQ(name string) string { return k.Stream(name) + DLQSuffix }
