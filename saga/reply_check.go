package saga

import (
	"encoding/json"
	"fmt"
)

// ReplyCheck compares what a reply claims with the command it answers.
// command is the data the engine sent: the action's for a success or
// failure reply, the compensation's for a compensated reply; reply is the
// reply as received. A non-nil error refuses the reply: it is recorded in
// the saga's history (kind reply_rejected) and not applied, so the step
// keeps waiting, and its timeout and retries proceed as usual. Replies
// that only ask for a retry (error.retryable) are not checked: they change
// nothing but the time of the next attempt.
type ReplyCheck func(command json.RawMessage, reply Envelope) error

// refused runs the step's CheckReply on a reply about to be applied and
// returns why it was refused, or "" if it may be applied.
func (t *transition) refused(idx int, env Envelope) string {
	step := &t.def.Steps[idx]
	if step.CheckReply == nil || (env.Error != nil && env.Error.Retryable) {
		return ""
	}
	payload := step.ActionPayload
	if env.Type == step.CompensatedReply {
		payload = step.CompensationPayload
	}
	command, err := buildPayload(payload, t.inst)
	if err != nil {
		return fmt.Sprintf("reply cannot be checked: rebuilding the command: %v", err)
	}
	if err := step.CheckReply(command, env); err != nil {
		return fmt.Sprintf("%s does not match its command: %v", env.Type, err)
	}
	return ""
}
