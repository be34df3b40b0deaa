package saga

import (
	"encoding/json"
	"testing"
	"time"
)

// benchChunk is how many instances a HandleReply benchmark prepares with
// the timer stopped: HandleReply changes its instance, so every iteration
// needs a fresh one, and stopping the timer per iteration would cost more
// than the step itself.
const benchChunk = 1024

func benchStart(def *Definition) StartInput {
	return StartInput{ID: NewID(), CorrelationID: "order-1", TraceParent: NewTraceParent(),
		Data: json.RawMessage(`{"order_id":"order-1","total_cents":2500}`), Now: t0,
		TriggerID: NewID(), TriggerType: "OrderCreated"}
}

// BenchmarkEngineStart creates an instance and its first command.
func BenchmarkEngineStart(b *testing.B) {
	def, eng := twoStep(), Engine{ReplyTo: "replies"}
	if err := def.Validate(); err != nil {
		b.Fatal(err)
	}
	in := benchStart(def)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := eng.Start(def, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEngineHandleReply applies the first step's success to a fresh
// saga: the step succeeds and the next command goes out.
func BenchmarkEngineHandleReply(b *testing.B) {
	def, eng := twoStep(), Engine{ReplyTo: "replies"}
	if err := def.Validate(); err != nil {
		b.Fatal(err)
	}
	insts, replies := make([]*Instance, benchChunk), make([]Envelope, benchChunk)
	now := t0.Add(time.Second)
	b.ReportAllocs()
	for i := range b.N {
		if i%benchChunk == 0 {
			b.StopTimer()
			prepareReplies(b, def, eng, insts, replies)
			b.StartTimer()
		}
		res, err := eng.HandleReply(def, insts[i%benchChunk], replies[i%benchChunk], now)
		if err != nil || !res.Changed {
			b.Fatalf("reply not applied: changed %v, %v", res.Changed, err)
		}
	}
}

// prepareReplies starts a saga for every slot and builds the reply to its
// first command.
func prepareReplies(b *testing.B, def *Definition, eng Engine, insts []*Instance, replies []Envelope) {
	for i := range insts {
		inst, res, err := eng.Start(def, benchStart(def))
		if err != nil {
			b.Fatal(err)
		}
		insts[i], replies[i] = inst, reply(res.Messages[0], "Reserved", "")
	}
}
