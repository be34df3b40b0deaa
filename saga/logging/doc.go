// Package logging sets up logrus for JSON logs and names the fields every
// streamsaga log line about a message carries: saga_id, order_id,
// message_id, message_type and trace_id.
package logging
