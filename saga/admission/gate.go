package admission

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// Defaults of Config.
const (
	DefaultMaxWait  = time.Second
	DefaultInterval = 250 * time.Millisecond
	// minStalled is the shortest Stalled default: a group that reads
	// slowly still moves this often.
	minStalled = 5 * time.Second
	// RetryAfter is what a refused request is told to wait.
	RetryAfter = time.Second
)

// Off is a MaxWait that never refuses a saga.
const Off = time.Duration(-1)

// Watch names a stream whose consumer groups the gate measures.
type Watch struct {
	Stream string
	// Group is the one group measured; "" measures every group (a
	// participant stream: every group there does saga work).
	Group string
}

// Config configures a Gate.
type Config struct {
	// Backlogs reads the streams' backlogs. Required.
	Backlogs transport.BacklogReader
	// Watch are the streams the sagas travel on; Gate.Watch adds more.
	// Required: at least one, before the first probe.
	Watch []Watch
	// MaxWait: new sagas are refused while a message has waited longer
	// than this for a group that reads. Optional: default DefaultMaxWait
	// (1s); Off (any negative value) never refuses and reads nothing.
	MaxWait time.Duration
	// Interval is how often the backlogs are read while the wait nears
	// MaxWait (four times as long while it is under a quarter of it).
	// Optional: default DefaultInterval (250ms).
	Interval time.Duration
	// Stalled: a group whose position has not moved for this long is
	// taken for stopped and left out. Optional: default twice MaxWait, at
	// least 5s.
	Stalled time.Duration
	// Logger gets a line when the backlogs cannot be read, and when they
	// can again. Optional: default the logrus standard logger.
	Logger *logrus.Entry
	// Now is the clock. Optional: default time.Now.
	Now func() time.Time
}

func (c *Config) setDefaults() error {
	if c.Backlogs == nil {
		return errors.New("admission: Config needs Backlogs")
	}
	if c.MaxWait == 0 {
		c.MaxWait = DefaultMaxWait
	}
	if c.Interval <= 0 {
		c.Interval = DefaultInterval
	}
	if c.Stalled <= 0 {
		c.Stalled = max(2*c.MaxWait, minStalled)
	}
	if c.Logger == nil {
		c.Logger = logrus.NewEntry(logrus.StandardLogger())
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}

// Gate decides whether a new saga may start. It is safe for concurrent
// use. Probe keeps its measure: run it after NextProbe, for example in a
// service.Every.
type Gate struct {
	cfg Config

	mu       sync.Mutex
	watch    []Watch
	groups   map[groupKey]groupState
	wait     time.Duration // the longest wait the last probe measured
	probedAt time.Time     // when the last probe succeeded
	failing  bool

	refused atomic.Uint64
}

// groupKey names one group on one part of a stream.
type groupKey struct{ stream, part, group string }

// groupState is what the gate remembers of a group between probes.
type groupState struct {
	position string
	movedAt  time.Time // zero: not seen moving yet
}

// New validates cfg and returns a gate that admits every saga until its
// first probe.
func New(cfg Config) (*Gate, error) {
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	return &Gate{cfg: cfg, watch: slices.Clone(cfg.Watch), groups: map[groupKey]groupState{}}, nil
}

// Watch adds streams to measure, for example the application's own
// streams read by the engine's group.
func (g *Gate) Watch(ws ...Watch) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.watch = append(g.watch, ws...)
}

// Enabled reports whether the gate may refuse sagas (MaxWait is not Off).
// A nil gate is off.
func (g *Gate) Enabled() bool { return g != nil && g.cfg.MaxWait > 0 }

// Decision is the gate's answer for one new saga.
type Decision struct {
	// Admit is false when the saga must be refused.
	Admit bool
	// Wait is the longest wait measured, the reason of a refusal.
	Wait time.Duration
	// RetryAfter is how long a refused client should wait.
	RetryAfter time.Duration
}

// Admit decides for one new saga. It admits when the gate is off, or when
// its measure is older than a few intervals (the backlogs cannot be read:
// it does not refuse on what it does not know).
// A nil gate admits every saga.
func (g *Gate) Admit() Decision {
	if !g.Enabled() {
		return Decision{Admit: true}
	}
	g.mu.Lock()
	wait, fresh := g.wait, g.cfg.Now().Sub(g.probedAt) <= 2*idleFactor*g.cfg.Interval+time.Second
	g.mu.Unlock()
	if !fresh || wait <= g.cfg.MaxWait {
		return Decision{Admit: true, Wait: wait}
	}
	g.refused.Add(1)
	return Decision{Wait: wait, RetryAfter: RetryAfter}
}

// Wait is the longest wait the last probe measured.
func (g *Gate) Wait() time.Duration {
	if g == nil {
		return 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.wait
}

// Refused counts the sagas refused so far.
func (g *Gate) Refused() uint64 {
	if g == nil {
		return 0
	}
	return g.refused.Load()
}

// idleFactor: while the longest wait is under a quarter of MaxWait, the
// backlogs are read every idleFactor intervals instead of every one, so
// that an idle installation pays little for them.
const idleFactor = 4

// ProbeTimeout bounds one Probe.
const ProbeTimeout = 2 * time.Second

// NextProbe is how long until the next Probe: Interval while the wait
// nears MaxWait, four intervals while it is under a quarter of it.
func (g *Gate) NextProbe() time.Duration {
	if g.Wait() < g.cfg.MaxWait/4 {
		return idleFactor * g.cfg.Interval
	}
	return g.cfg.Interval
}

// Probe reads the backlogs of every watched stream and keeps the longest
// wait of a group that reads. It logs a failure once, until a probe
// succeeds again, and returns nil: the gate then admits every saga.
func (g *Gate) Probe(ctx context.Context) error {
	if !g.Enabled() {
		return nil
	}
	seen, err := g.read(ctx)
	g.mu.Lock()
	defer g.mu.Unlock()
	if err != nil {
		if !g.failing && ctx.Err() == nil {
			g.cfg.Logger.WithError(err).Warn("admission: cannot read the stream backlogs; every new saga is admitted until it can")
		}
		g.failing, g.wait = true, 0
		return nil
	}
	if g.failing {
		g.cfg.Logger.Info("admission: stream backlogs read again")
	}
	g.failing = false
	g.measure(seen, g.cfg.Now())
	return nil
}

// seenBacklog is a backlog of a watched group.
type seenBacklog struct {
	key groupKey
	transport.Backlog
}

// read returns the backlogs of the watched groups, read at once.
func (g *Gate) read(ctx context.Context) ([]seenBacklog, error) {
	g.mu.Lock()
	watch := slices.Clone(g.watch)
	g.mu.Unlock()
	if len(watch) == 0 {
		return nil, errors.New("no stream to watch")
	}
	streams := make([]string, 0, len(watch))
	for _, w := range watch {
		if !slices.Contains(streams, w.Stream) {
			streams = append(streams, w.Stream)
		}
	}
	bs, err := g.cfg.Backlogs.Backlogs(ctx, streams...)
	if err != nil {
		return nil, err
	}
	var seen []seenBacklog
	for _, b := range bs {
		if watched(watch, b) {
			seen = append(seen, seenBacklog{key: groupKey{b.Stream, b.Part, b.Group}, Backlog: b})
		}
	}
	return seen, nil
}

// watched reports whether one of ws measures b's group.
func watched(ws []Watch, b transport.Backlog) bool {
	for _, w := range ws {
		if w.Stream == b.Stream && (w.Group == "" || w.Group == b.Group) {
			return true
		}
	}
	return false
}

// measure sets the wait from one probe's backlogs at now. g.mu is held.
func (g *Gate) measure(seen []seenBacklog, now time.Time) {
	groups := make(map[groupKey]groupState, len(seen))
	var wait time.Duration
	for _, b := range seen {
		st, known := g.groups[b.key]
		if known && st.position != b.Position {
			st.movedAt = now
		}
		st.position = b.Position
		groups[b.key] = st
		reading := !st.movedAt.IsZero() && now.Sub(st.movedAt) <= g.cfg.Stalled
		if reading && !b.OldestWaitingSince.IsZero() {
			wait = max(wait, now.Sub(b.OldestWaitingSince))
		}
	}
	g.groups, g.wait, g.probedAt = groups, wait, now
}
