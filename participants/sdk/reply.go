package sdk

import (
	"fmt"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// result says what one command led to, for the log.
type result struct {
	duplicate bool
	reply     answer
}

func (r result) log(log *logrus.Entry) {
	log = log.WithField("reply_type", r.reply.Type)
	if r.reply.Error != "" {
		log = log.WithFields(logrus.Fields{"reason": r.reply.Error, "retryable": r.reply.Retryable})
	}
	switch {
	case r.duplicate:
		log.Info("duplicate command: reply sent again")
	case r.reply.Retryable:
		log.Warn("command failed: retryable reply sent")
	default:
		log.Info("command handled")
	}
}

// replyMessage is the outbox row of the reply ans to cmd.
func (p *Participant[T]) replyMessage(cmd saga.Envelope, ans answer) (outbox.Message, error) {
	msg, err := outbox.FromEnvelope(cmd.ReplyTo, p.replyEnvelope(cmd, ans))
	if err != nil {
		return outbox.Message{}, fmt.Errorf("building reply: %w", err)
	}
	return msg, nil
}

// replyEnvelope answers cmd: same saga, step and attempt, caused by cmd, in
// cmd's trace. Its id derives from cmd's, so the same command gives the same
// reply id.
func (p *Participant[T]) replyEnvelope(cmd saga.Envelope, ans answer) saga.Envelope {
	env := saga.Envelope{
		MessageID: saga.DerivedID(cmd.MessageID, "reply"), Type: ans.Type,
		SagaID: cmd.SagaID, SagaType: cmd.SagaType, Step: cmd.Step, Attempt: cmd.Attempt,
		CorrelationID: cmd.CorrelationID, CausationID: cmd.MessageID,
		TraceParent: saga.ChildTraceParent(cmd.TraceParent), Time: p.now().UTC(), Data: ans.Data,
	}
	if ans.Error != "" {
		env.Error = &saga.ReplyError{Message: ans.Error, Retryable: ans.Retryable}
	}
	return env
}
