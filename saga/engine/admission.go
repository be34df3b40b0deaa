package engine

import (
	"github.com/streamsaga/streamsaga/saga/admission"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// newGate is the admission of new sagas over the engine's Redis, watching
// every group of the definitions' participant streams and the engine's
// group on the reply stream; watchAppStreams adds the application's.
func (e *Engine) newGate() (*admission.Gate, error) {
	tr := redisstream.New(e.cfg.Redis, redisstream.Config{Prefix: e.cfg.Prefix, Shards: e.cfg.Shards, Logger: e.log})
	watch := []admission.Watch{{Stream: stream.OrchestratorReply, Group: e.cfg.Group}}
	for _, name := range e.reg.ParticipantStreams() {
		watch = append(watch, admission.Watch{Stream: name})
	}
	return admission.New(admission.Config{Backlogs: tr, Watch: watch, MaxWait: e.cfg.AdmissionMaxWait, Logger: e.log})
}

// watchAppStreams has the gate watch the engine's group on the
// application's streams (watching one twice changes nothing).
func (e *Engine) watchAppStreams() {
	for _, name := range e.appStreams() {
		e.gate.Watch(admission.Watch{Stream: name, Group: e.cfg.Group})
	}
}
