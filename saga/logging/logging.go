package logging

import (
	"os"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
)

// Field names shared by every service.
const (
	FieldService     = "service"
	FieldSagaID      = "saga_id"
	FieldOrderID     = "order_id"
	FieldMessageID   = "message_id"
	FieldMessageType = "message_type"
	FieldTraceID     = "trace_id"
)

// New returns a JSON logger at level for service.
func New(service string, level logrus.Level) *logrus.Entry {
	l := logrus.New()
	l.SetOutput(os.Stderr)
	l.SetFormatter(&logrus.JSONFormatter{TimestampFormat: "2006-01-02T15:04:05.000000Z07:00"})
	l.SetLevel(level)
	return l.WithField(FieldService, service)
}

// WithEnvelope adds the envelope's ids to a log entry. The order saga uses
// the order id as its correlation id.
func WithEnvelope(log *logrus.Entry, env saga.Envelope) *logrus.Entry {
	f := logrus.Fields{FieldMessageID: env.MessageID, FieldMessageType: env.Type}
	if env.SagaID != "" {
		f[FieldSagaID] = env.SagaID
	}
	if env.CorrelationID != "" {
		f[FieldOrderID] = env.CorrelationID
	}
	if id := saga.TraceID(env.TraceParent); id != "" {
		f[FieldTraceID] = id
	}
	return log.WithFields(f)
}
