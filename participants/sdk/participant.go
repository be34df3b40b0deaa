package sdk

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// Tx is what the SDK needs from a participant's transaction: the outbox for
// the reply, the inbox for deduplication and the barrier for ordering.
type Tx interface {
	outbox.Writer
	inbox.Inbox
	barrier.Store
}

// Store runs functions in a transaction of the service's store. InTx commits
// when fn returns nil and rolls back otherwise, returning fn's error.
type Store[T Tx] interface {
	InTx(ctx context.Context, fn func(ctx context.Context, tx T) error) error
}

// Command is the envelope type of a command a participant handles.
type Command string

// Reply is the envelope type of a reply a participant sends.
type Reply string

// Config configures a Participant.
type Config struct {
	// Name is the consumer name the inbox records handled messages under.
	// Required.
	Name string
	// Logger receives one line per handled command.
	// Optional: default a JSON logger at info level for Name.
	Logger *logrus.Entry
	// ReplyStreams are the logical streams (without STREAM_PREFIX; the
	// publisher adds it) a command may name in reply_to. A command naming
	// any other is refused for good: the consumer dead-letters it with the
	// reason, and no reply is written.
	// Optional: default DefaultReplyStreams.
	ReplyStreams []string
}

// DefaultReplyStreams are the reply streams of an installation of the
// order saga: the orchestrator's.
var DefaultReplyStreams = []string{stream.OrchestratorReply}

func (c *Config) validate() error {
	if c.Name == "" {
		return errors.New("participant config: Name is required")
	}
	if len(c.ReplyStreams) == 0 {
		c.ReplyStreams = DefaultReplyStreams
	}
	if slices.Contains(c.ReplyStreams, "") {
		return errors.New("participant config: ReplyStreams names an empty stream")
	}
	if c.Logger == nil {
		c.Logger = logging.New(c.Name, logrus.InfoLevel)
	}
	return nil
}

// Participant handles the commands of one service. Register every command
// (OnAction, OnCompensation, OnStep) before Handle is first called.
type Participant[T Tx] struct {
	store    Store[T]
	cfg      Config
	handlers map[Command]step[T]
	now      func() time.Time
	fresh    *freshness
}

// New returns a participant that handles commands in transactions of store.
func New[T Tx](store Store[T], cfg Config) (*Participant[T], error) {
	if store == nil {
		return nil, errors.New("participant: store is nil")
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return &Participant[T]{store: store, cfg: cfg, handlers: map[Command]step[T]{}, now: time.Now,
		fresh: newFreshness()}, nil
}

// OnAction registers fn as the action of command: its success is answered
// with successReply, its failure with failureReply.
func (p *Participant[T]) OnAction(command Command, successReply, failureReply Reply, fn ActionFunc[T]) error {
	return p.onAction(command, action[T]{fn: fn, success: successReply, failure: failureReply})
}

func (p *Participant[T]) onAction(command Command, a action[T]) error {
	if a.success == "" || a.failure == "" || a.fn == nil {
		return fmt.Errorf("registering action %q: replies and function are required", command)
	}
	return p.register(command, a)
}

// OnCompensation registers fn as the compensation of command, answered with
// doneReply.
func (p *Participant[T]) OnCompensation(command Command, doneReply Reply, fn CompensationFunc[T]) error {
	if doneReply == "" || fn == nil {
		return fmt.Errorf("registering compensation %q: reply and function are required", command)
	}
	return p.register(command, compensation[T]{fn: fn, done: doneReply})
}

func (p *Participant[T]) register(command Command, s step[T]) error {
	if command == "" {
		return errors.New("registering a command with an empty type")
	}
	if _, dup := p.handlers[command]; dup {
		return fmt.Errorf("registering command %q: already registered", command)
	}
	p.handlers[command] = s
	return nil
}

// Commands lists the registered command types in order.
func (p *Participant[T]) Commands() []Command {
	return slices.Sorted(maps.Keys(p.handlers))
}
