package engine

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// triggered is a saga an event starts.
type triggered struct {
	sagaType string
	in       saga.StartInput
}

// subscribeTriggers reads the stream of every definition's trigger (the
// newest version of each type), starting a saga per matching event.
func (e *Engine) subscribeTriggers() {
	byStream := map[string][]*saga.Definition{}
	var streams []string
	for _, d := range e.reg.Newest() {
		if d.Trigger == nil {
			continue
		}
		if _, ok := byStream[d.Trigger.Stream]; !ok {
			streams = append(streams, d.Trigger.Stream)
		}
		byStream[d.Trigger.Stream] = append(byStream[d.Trigger.Stream], d)
	}
	for _, name := range streams {
		defs := byStream[name]
		e.Subscribe(name, driver.Batch[[]triggered]{Store: e.store,
			Decode: func(m transport.Message) ([]triggered, bool, error) { return decodeTriggered(defs, m) },
			Apply:  e.startTriggered,
			Alone: func(ctx context.Context, ts []triggered) error {
				return e.store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return e.startTriggered(ctx, tx, [][]triggered{ts}) })
			},
		}.Handle)
	}
}

// decodeTriggered reads an event and the sagas it starts; an event no
// trigger names is acknowledged without effect.
func decodeTriggered(defs []*saga.Definition, m transport.Message) ([]triggered, bool, error) {
	event, err := saga.DecodeEnvelope(m.Envelope())
	if err != nil {
		return nil, false, saga.Permanent(err)
	}
	if !saga.ValidID(event.MessageID) {
		return nil, false, saga.Permanent(fmt.Errorf("event %s has no valid message id", event.Type))
	}
	var out []triggered
	for _, d := range defs {
		if d.Trigger.Event != event.Type {
			continue
		}
		in, err := d.TriggeredStart(event)
		if err != nil {
			return nil, false, err
		}
		out = append(out, triggered{sagaType: d.Type, in: in})
	}
	return out, len(out) == 0, nil
}

// startTriggered starts the sagas of a read's events, one statement set
// per saga type.
func (e *Engine) startTriggered(ctx context.Context, tx driver.Tx, reads [][]triggered) error {
	byType := map[string][]saga.StartInput{}
	var types []string
	for _, ts := range reads {
		for _, t := range ts {
			if _, ok := byType[t.sagaType]; !ok {
				types = append(types, t.sagaType)
			}
			byType[t.sagaType] = append(byType[t.sagaType], t.in)
		}
	}
	for _, typ := range types {
		if err := e.run.StartMany(ctx, tx, typ, byType[typ]); err != nil {
			return err
		}
	}
	return nil
}
