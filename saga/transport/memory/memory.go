package memory

import (
	"sync"
	"time"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// Defaults of Config.
const (
	DefaultRetryDelay = 100 * time.Millisecond
	DefaultBatchSize  = 64
)

// Config configures a Transport.
type Config struct {
	// RetryDelay is how long a message whose handler failed, or that a
	// stopped subscription left unsettled, waits before it is delivered
	// again. Optional: default 100ms.
	RetryDelay time.Duration
	// BatchSize is the most messages one handler call gets when the
	// subscription does not say. Optional: default 64.
	BatchSize int
}

func (c *Config) setDefaults() {
	if c.RetryDelay <= 0 {
		c.RetryDelay = DefaultRetryDelay
	}
	if c.BatchSize <= 0 {
		c.BatchSize = DefaultBatchSize
	}
}

// Transport is an in-memory Publisher, Subscriber and DeadLetters. It is
// safe for concurrent use. The zero value is not usable; call New.
type Transport struct {
	cfg Config

	mu      sync.Mutex
	streams map[string]*streamLog
	seq     int64         // last id handed out
	wake    chan struct{} // closed and replaced when messages become ready
}

var (
	_ transport.Publisher     = (*Transport)(nil)
	_ transport.Subscriber    = (*Transport)(nil)
	_ transport.DeadLetters   = (*Transport)(nil)
	_ transport.BacklogReader = (*Transport)(nil)
)

// New returns an empty Transport.
func New(cfg Config) *Transport {
	cfg.setDefaults()
	return &Transport{cfg: cfg, streams: map[string]*streamLog{}, wake: make(chan struct{})}
}

// streamLog is one logical stream: its messages, groups and dead letters.
type streamLog struct {
	name    string
	entries []entry
	index   map[string]int // entry id to position
	groups  map[string]*group
	dead    []transport.DeadLetter // oldest first
}

type entry struct {
	id     string
	fields map[string]string
	at     time.Time // when it was published
}

// stream returns the log of name, creating it. Callers hold t.mu.
func (t *Transport) stream(name string) *streamLog {
	s, ok := t.streams[name]
	if !ok {
		s = &streamLog{name: name, index: map[string]int{}, groups: map[string]*group{}}
		t.streams[name] = s
	}
	return s
}

// appendEntry adds a message to stream and returns its id. Callers hold
// t.mu and call notify afterwards.
func (t *Transport) appendEntry(stream string, fields map[string]string) string {
	s := t.stream(stream)
	t.seq++
	id := formatID(t.seq)
	s.index[id] = len(s.entries)
	s.entries = append(s.entries, entry{id: id, fields: fields, at: time.Now()})
	return id
}

// notify wakes every waiting subscription. Callers hold t.mu.
func (t *Transport) notify() {
	close(t.wake)
	t.wake = make(chan struct{})
}
