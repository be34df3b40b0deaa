package transport

// Field names of a message on the wire. Every message the engine publishes
// has all four; the envelope field holds the JSON envelope and is the only
// one a consumer needs.
const (
	FieldMessageID = "message_id"
	FieldType      = "type"
	FieldSagaID    = "saga_id"
	FieldEnvelope  = "envelope"
)

// Outgoing is a message to publish.
type Outgoing struct {
	// Stream is the logical stream, without any installation prefix.
	Stream string
	// PartitionKey groups messages that must be delivered in the order they
	// were published: the saga id for saga messages.
	PartitionKey string
	// MessageID is the envelope's message id, the key consumers
	// deduplicate by.
	MessageID string
	// Type is the envelope's type.
	Type string
	// Payload is the encoded envelope.
	Payload []byte
}

// Fields returns the wire fields o is delivered with.
func (o Outgoing) Fields() map[string]string {
	return map[string]string{
		FieldMessageID: o.MessageID,
		FieldType:      o.Type,
		FieldSagaID:    o.PartitionKey,
		FieldEnvelope:  string(o.Payload),
	}
}

// Message is one delivery of a message to a consumer group.
type Message struct {
	// ID identifies the message within its stream. It is opaque: the
	// transport chooses its format, and a replayed message gets a new one.
	ID string
	// Stream is the logical stream the message was read from.
	Stream string
	// Fields are the message's fields. A message written by another program
	// may lack some of the Field* names or carry others.
	Fields map[string]string
	// Deliveries is how many times the message has been handed to the
	// group, counting this one (1 on first delivery).
	Deliveries int64
}

// Envelope returns the raw envelope field.
func (m Message) Envelope() []byte { return []byte(m.Fields[FieldEnvelope]) }

// MessageID returns the message_id field.
func (m Message) MessageID() string { return m.Fields[FieldMessageID] }

// Type returns the type field.
func (m Message) Type() string { return m.Fields[FieldType] }

// PartitionKey returns the saga_id field, the message's partition key.
func (m Message) PartitionKey() string { return m.Fields[FieldSagaID] }
