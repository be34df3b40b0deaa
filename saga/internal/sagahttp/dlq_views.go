package sagahttp

import (
	"unicode/utf8"

	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// MaxListedValueBytes is the most bytes of one field value GET /dlq shows;
// a longer value is cut at a character boundary and its size shown.
// GET /dlq/{stream}/{id} shows the dead letter whole.
const MaxListedValueBytes = 4096

// DLQView is the answer to GET /dlq.
type DLQView struct {
	DeadLetters []DeadLetterView `json:"dead_letters"`
}

// DeadLetterView is one dead letter: where it came from, why it was given
// up on, and the original entry's fields.
type DeadLetterView struct {
	Stream string `json:"stream"`
	// Shard is the shard of the stream whose dead letters hold the entry,
	// when streams are sharded (on a Redis Cluster); absent otherwise.
	Shard      *int        `json:"shard,omitempty"`
	ID         string      `json:"id"`
	SourceID   string      `json:"source_id"`
	Group      string      `json:"group"`
	Reason     string      `json:"reason"`
	Deliveries int64       `json:"deliveries"`
	At         *httpx.Time `json:"at"`
	Type       string      `json:"type"`
	MessageID  string      `json:"message_id"`
	SagaID     string      `json:"saga_id"`
	Envelope   string      `json:"envelope"`
	// EnvelopeBytes is the envelope's size before any cut.
	EnvelopeBytes int `json:"envelope_bytes"`
	// EnvelopeTruncated says the envelope was cut.
	EnvelopeTruncated bool `json:"envelope_truncated"`
	// Fields are every field of the original entry.
	Fields map[string]string `json:"fields"`
	// DLQFields are the transport's own fields of the dead letter, as
	// stored: on Redis, every dlq_* field.
	DLQFields map[string]string `json:"dlq_fields"`
	// Truncated names each field whose value was cut, with its size.
	Truncated map[string]int `json:"truncated,omitempty"`
}

// ReplayedView is the answer to POST /dlq/{stream}/{id}/replay.
type ReplayedView struct {
	Stream     string `json:"stream"`
	ID         string `json:"id"`
	ReplayedAs string `json:"replayed_as"`
}

// view renders a dead letter as deadLetterView does, with its shard when
// the streams are sharded.
func (d *DLQ) view(name string, dl transport.DeadLetter, limit int) DeadLetterView {
	v := deadLetterView(name, dl, limit)
	if d.Shards > 0 {
		shard := dl.Shard
		v.Shard = &shard
	}
	return v
}

// deadLetterView renders a dead letter of the logical stream name with
// every value cut to limit bytes (0: whole); At is null when the entry's
// time cannot be read.
func deadLetterView(name string, dl transport.DeadLetter, limit int) DeadLetterView {
	c := cutter{limit: limit}
	v := DeadLetterView{Stream: name, ID: dl.ID, SourceID: dl.SourceID, Group: c.cut("", dl.Group),
		Reason: c.cut("", dl.Reason), Deliveries: dl.Deliveries,
		Fields: c.cutAll(dl.Fields), DLQFields: c.cutAll(dl.Meta)}
	v.Type, v.MessageID = v.Fields[transport.FieldType], v.Fields[transport.FieldMessageID]
	v.SagaID, v.Envelope = v.Fields[transport.FieldSagaID], v.Fields[transport.FieldEnvelope]
	v.EnvelopeBytes = len(dl.Fields[transport.FieldEnvelope])
	v.EnvelopeTruncated = len(v.Envelope) < v.EnvelopeBytes
	v.Truncated = c.truncated
	if !dl.At.IsZero() {
		v.At = httpx.TimePtr(&dl.At)
	}
	return v
}

// cutter cuts values to limit bytes and notes the original size of every
// field it cut.
type cutter struct {
	limit     int
	truncated map[string]int
}

func (c *cutter) cutAll(fields map[string]string) map[string]string {
	out := make(map[string]string, len(fields))
	for k, v := range fields {
		out[k] = c.cut(k, v)
	}
	return out
}

// cut returns s cut to the limit; a named field's cut is noted.
func (c *cutter) cut(field, s string) string {
	if c.limit <= 0 || len(s) <= c.limit {
		return s
	}
	if field != "" {
		if c.truncated == nil {
			c.truncated = map[string]int{}
		}
		c.truncated[field] = len(s)
	}
	end := c.limit
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:end]
}
