package admission_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/admission"
	"github.com/streamsaga/streamsaga/saga/service"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/memory"
)

const commands = "work.commands"

// clock is a settable clock that starts at the real time.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

// worker is a subscription that handles one message at a time, each once
// the test lets it.
type worker struct {
	next    chan struct{}
	handled chan string
}

func startWorker(t *testing.T, tr *memory.Transport, group string) (*worker, transport.Subscription) {
	t.Helper()
	w := &worker{next: make(chan struct{}), handled: make(chan string, 100)}
	sub, err := tr.Subscribe(transport.SubscriptionConfig{Stream: commands, Group: group, BatchSize: 1},
		func(ctx context.Context, msgs []transport.Message) []error {
			<-w.next
			w.handled <- msgs[0].MessageID()
			return make([]error, len(msgs))
		})
	require.NoError(t, err)
	require.NoError(t, sub.Start(context.Background()))
	t.Cleanup(func() { close(w.next); _ = sub.Stop(context.Background()) })
	return w, sub
}

// handleOne lets the worker handle one message and waits for it.
func (w *worker) handleOne(t *testing.T) string {
	t.Helper()
	w.next <- struct{}{}
	select {
	case id := <-w.handled:
		return id
	case <-time.After(10 * time.Second):
		t.Fatal("the worker handled nothing")
		return ""
	}
}

func publishN(t *testing.T, tr *memory.Transport, n int) {
	t.Helper()
	var msgs []transport.Outgoing
	for i := range n {
		id := fmt.Sprintf("m%d", i)
		msgs = append(msgs, transport.Outgoing{Stream: commands, PartitionKey: "s", MessageID: id, Type: "Work",
			Payload: fmt.Appendf(nil, `{"message_id":%q}`, id)})
	}
	require.NoError(t, tr.Publish(context.Background(), msgs))
}

func newGate(t *testing.T, tr *memory.Transport, c *clock, watch ...admission.Watch) *admission.Gate {
	t.Helper()
	if len(watch) == 0 {
		watch = []admission.Watch{{Stream: commands}}
	}
	g, err := admission.New(admission.Config{Backlogs: tr, Watch: watch, Now: c.Now})
	require.NoError(t, err)
	return g
}

func probeAt(t *testing.T, g *admission.Gate, c *clock, at time.Time) admission.Decision {
	t.Helper()
	c.set(at)
	require.NoError(t, g.Probe(context.Background()))
	return g.Admit()
}

// refusedAt probes at at until the gate refuses (the worker takes its next
// message a moment after handling one) and returns the decision.
func refusedAt(t *testing.T, g *admission.Gate, c *clock, at time.Time) admission.Decision {
	t.Helper()
	var d admission.Decision
	require.Eventually(t, func() bool {
		d = probeAt(t, g, c, at)
		return !d.Admit
	}, 5*time.Second, 5*time.Millisecond, "admitted while a message waited for a group that reads")
	return d
}

// fallBehind starts a worker, publishes three messages, has g see the
// worker's group at t0 (returned) and the worker handle one: the group
// has moved, and a message waits since about t0.
func fallBehind(t *testing.T, tr *memory.Transport, g *admission.Gate, c *clock) (*worker, transport.Subscription, time.Time) {
	t.Helper()
	w, sub := startWorker(t, tr, "workers")
	t0 := time.Now()
	publishN(t, tr, 3)
	probeAt(t, g, c, t0)
	w.handleOne(t)
	return w, sub, t0
}

func TestRefusesWhileAReadingGroupFallsBehind(t *testing.T) {
	tr, c := memory.New(memory.Config{}), &clock{now: time.Now()}
	g := newGate(t, tr, c)
	require.True(t, g.Admit().Admit, "refused before any probe")
	w, _ := startWorker(t, tr, "workers")
	t0 := time.Now()
	publishN(t, tr, 3)
	require.True(t, probeAt(t, g, c, t0).Admit, "refused on the first sight of a group")

	w.handleOne(t)
	d := refusedAt(t, g, c, t0.Add(3*time.Second))
	require.InDelta(t, 3*time.Second, d.Wait, float64(500*time.Millisecond))
	require.Equal(t, admission.RetryAfter, d.RetryAfter)
	require.EqualValues(t, 1, g.Refused())

	w.handleOne(t)
	w.handleOne(t)
	require.Eventually(t, func() bool { return probeAt(t, g, c, t0.Add(3500*time.Millisecond)).Admit }, 5*time.Second, 10*time.Millisecond,
		"refused once nothing waited")
	require.Zero(t, g.Wait())
}

func TestLeavesOutAGroupThatStoppedReading(t *testing.T) {
	tr, c := memory.New(memory.Config{}), &clock{now: time.Now()}
	g := newGate(t, tr, c)
	w, sub, t0 := fallBehind(t, tr, g, c)
	refusedAt(t, g, c, t0.Add(3*time.Second))
	w.handleOne(t)
	w.handleOne(t)
	require.NoError(t, sub.Stop(context.Background()))

	publishN(t, tr, 2)
	require.False(t, probeAt(t, g, c, t0.Add(4*time.Second)).Admit, "a group seen reading moments ago counts")
	d := probeAt(t, g, c, t0.Add(10*time.Second))
	require.True(t, d.Admit, "refused for a group that read nothing for longer than Stalled")
	require.Zero(t, d.Wait)
}

func TestMeasuresOnlyTheWatchedGroup(t *testing.T) {
	tr, c := memory.New(memory.Config{}), &clock{now: time.Now()}
	engineOnly := newGate(t, tr, c, admission.Watch{Stream: commands, Group: "engine"})
	every := newGate(t, tr, c)
	slow, _ := startWorker(t, tr, "listeners")
	fast, _ := startWorker(t, tr, "engine")
	t0 := time.Now()
	publishN(t, tr, 3)
	probeAt(t, engineOnly, c, t0)
	probeAt(t, every, c, t0)
	slow.handleOne(t)
	for range 3 {
		fast.handleOne(t)
	}
	refusedAt(t, every, c, t0.Add(3*time.Second))
	require.True(t, probeAt(t, engineOnly, c, t0.Add(3*time.Second)).Admit, "refused for a group the gate does not watch")
}

func TestAdmitsWhatItCannotMeasure(t *testing.T) {
	tr, c := memory.New(memory.Config{}), &clock{now: time.Now()}
	g := newGate(t, tr, c)
	_, _, t0 := fallBehind(t, tr, g, c)
	refusedAt(t, g, c, t0.Add(3*time.Second))

	c.set(t0.Add(10 * time.Second))
	require.True(t, g.Admit().Admit, "refused on a measure many intervals old")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.NoError(t, g.Probe(ctx))
	require.True(t, g.Admit().Admit, "refused when the backlogs could not be read")
	require.Zero(t, g.Wait())
}

func TestOffNeverRefuses(t *testing.T) {
	tr, c := memory.New(memory.Config{}), &clock{now: time.Now()}
	g, err := admission.New(admission.Config{Backlogs: tr, Watch: []admission.Watch{{Stream: commands}}, MaxWait: admission.Off, Now: c.Now})
	require.NoError(t, err)
	require.False(t, g.Enabled())
	_, _, t0 := fallBehind(t, tr, g, c)
	require.True(t, probeAt(t, g, c, t0.Add(time.Minute)).Admit)
	require.Zero(t, g.Refused())
}

func TestConfigNeedsBacklogs(t *testing.T) {
	_, err := admission.New(admission.Config{Watch: []admission.Watch{{Stream: commands}}})
	require.Error(t, err)
}

func TestWatchAddsAStream(t *testing.T) {
	tr, c := memory.New(memory.Config{}), &clock{now: time.Now()}
	g, err := admission.New(admission.Config{Backlogs: tr, Now: c.Now})
	require.NoError(t, err)
	g.Watch(admission.Watch{Stream: commands})
	_, _, t0 := fallBehind(t, tr, g, c)
	refusedAt(t, g, c, t0.Add(3*time.Second))
}

func TestAStartedGateProbesByItself(t *testing.T) {
	tr := memory.New(memory.Config{})
	g, err := admission.New(admission.Config{Backlogs: tr, Watch: []admission.Watch{{Stream: commands}},
		MaxWait: 100 * time.Millisecond, Interval: 5 * time.Millisecond})
	require.NoError(t, err)
	probes := &service.Every{Name: "admission", Interval: g.NextProbe(), Next: g.NextProbe, Fn: g.Probe,
		Log: logrus.NewEntry(logrus.StandardLogger())}
	require.NoError(t, probes.Start(t.Context()))
	t.Cleanup(func() { require.NoError(t, probes.Stop(context.Background())) })
	w, _ := startWorker(t, tr, "workers")
	publishN(t, tr, 50)
	for range 3 {
		time.Sleep(60 * time.Millisecond)
		w.handleOne(t)
	}
	require.Eventually(t, func() bool { return !g.Admit().Admit }, 10*time.Second, 5*time.Millisecond,
		"a started gate never refused while messages waited for a group that reads")
}
