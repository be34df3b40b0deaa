package stream

import (
	"context"
	"fmt"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// sentCmd is one command a client sent: its name and its arguments.
type sentCmd struct {
	name string
	args []string
}

// cmdRecorder is a go-redis hook remembering every standalone XACK and
// every pipeline a client sends, and counting the ids acknowledged.
type cmdRecorder struct {
	mu        sync.Mutex
	acks      [][]string  // ids of each standalone XACK
	pipelines [][]sentCmd // each pipeline, MULTI and EXEC included
	acked     atomic.Int64
	ackedSig  chan struct{} // signalled after each XACK
}

// recordCommands adds a cmdRecorder to rdb.
func recordCommands(rdb *redis.Client) *cmdRecorder {
	r := &cmdRecorder{ackedSig: make(chan struct{}, 1)}
	rdb.AddHook(r)
	return r
}

func (r *cmdRecorder) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		return next(ctx, network, addr)
	}
}

func (r *cmdRecorder) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		r.noteAck(cmd)
		return err
	}
}

// noteAck records cmd if it is an XACK, sent on its own or in a pipeline.
func (r *cmdRecorder) noteAck(cmd redis.Cmder) {
	if cmd.Name() != "xack" {
		return
	}
	ids := sent(cmd).args[2:]
	r.mu.Lock()
	r.acks = append(r.acks, ids)
	r.mu.Unlock()
	r.acked.Add(int64(len(ids)))
	select {
	case r.ackedSig <- struct{}{}:
	default:
	}
}

func (r *cmdRecorder) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		p := make([]sentCmd, len(cmds))
		for i, cmd := range cmds {
			p[i] = sent(cmd)
		}
		r.mu.Lock()
		r.pipelines = append(r.pipelines, p)
		r.mu.Unlock()
		err := next(ctx, cmds)
		if len(cmds) > 0 && cmds[0].Name() != "multi" { // a dead-letter MULTI's XACK is its own
			for _, cmd := range cmds {
				r.noteAck(cmd)
			}
		}
		return err
	}
}

func sent(cmd redis.Cmder) sentCmd {
	args := cmd.Args()
	s := sentCmd{name: cmd.Name(), args: make([]string, 0, len(args))}
	for _, a := range args[1:] {
		s.args = append(s.args, fmt.Sprint(a))
	}
	return s
}

// xacks returns the ids of each XACK so far, sent on its own or with a
// read (not those of a dead-letter MULTI).
func (r *cmdRecorder) xacks() [][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.acks)
}

// pipelineNames returns the command names of each pipeline so far.
func (r *cmdRecorder) pipelineNames() [][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out [][]string
	for _, p := range r.pipelines {
		var n []string
		for _, c := range p {
			n = append(n, c.name)
		}
		out = append(out, n)
	}
	return out
}

// transactions returns the command names of each MULTI pipeline so far,
// and the ids of the XACKs in them.
func (r *cmdRecorder) transactions() (names [][]string, acked [][]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range r.pipelines {
		if p[0].name != "multi" {
			continue
		}
		var n []string
		for _, c := range p {
			n = append(n, c.name)
			if c.name == "xack" {
				acked = append(acked, c.args[2:])
			}
		}
		names = append(names, n)
	}
	return names, acked
}

// waitAcked waits until n ids were acknowledged by XACKs (not those of a
// dead-letter MULTI), failing when none is acknowledged for waitTimeout.
func (r *cmdRecorder) waitAcked(tb testing.TB, n int64) {
	tb.Helper()
	for r.acked.Load() < n {
		select {
		case <-r.ackedSig:
		case <-time.After(waitTimeout):
			tb.Fatalf("timed out: %d of %d entries acknowledged", r.acked.Load(), n)
		}
	}
}

// startBatchConsumer is startConsumer for a BatchHandler.
func startBatchConsumer(t *testing.T, rdb redis.UniversalClient, keys Keys, cfg ConsumerConfig, bh BatchHandler) *Consumer {
	t.Helper()
	return startWith(t, cfg, func(cfg ConsumerConfig) (*Consumer, error) { return NewBatchConsumer(rdb, keys, cfg, bh) })
}

// recordingBatch sends a copy of every batch to ch and answers each entry
// with ret's answer.
func recordingBatch(ch chan<- []Message, ret func(Message) error) BatchHandler {
	return func(_ context.Context, msgs []Message) []error {
		ch <- slices.Clone(msgs)
		errs := make([]error, len(msgs))
		for i, m := range msgs {
			errs[i] = ret(m)
		}
		return errs
	}
}

func receiveBatch(t *testing.T, ch <-chan []Message) []Message {
	t.Helper()
	select {
	case b := <-ch:
		return b
	case <-time.After(waitTimeout):
		t.Fatal("timed out waiting for a batch")
		return nil
	}
}

// messageIDs returns the message_id field of each message.
func messageIDs(msgs []Message) []string {
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = m.Fields[FieldMessageID]
	}
	return ids
}

// publishN publishes msg-0 … msg-(n-1) to stream, in pipelines of up to
// 1,000 messages.
func publishN(tb testing.TB, rdb redis.UniversalClient, keys Keys, stream string, n int) {
	tb.Helper()
	msgs := make([]outbox.Message, n)
	for i := range msgs {
		msgs[i] = testMessage(stream, i)
	}
	p := NewPublisher(rdb, keys, PublisherConfig{})
	for batch := range slices.Chunk(msgs, 1000) {
		require.NoError(tb, p.Publish(context.Background(), batch))
	}
}
