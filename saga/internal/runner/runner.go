package runner

import (
	"context"
	"errors"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// FinishFunc runs in the transaction in which sagas of its type reach a
// terminal state, once for all those of a batch, for example to record the
// orders' outcomes and announce them.
type FinishFunc func(ctx context.Context, tx driver.Tx, insts []*saga.Instance) error

// Config configures a Runner.
type Config struct {
	// Store holds sagas, the inbox and the outbox. Required.
	Store driver.Store
	// Registry holds the saga definitions. Required.
	Registry *saga.Registry
	// ReplyTo is the logical stream participants reply to.
	// Optional: default stream.OrchestratorReply.
	ReplyTo string
	// Consumer names the runner in the inbox. Optional: default "orchestrator".
	Consumer string
	// MaxConflictRetries bounds retries after a version conflict.
	// Optional: default 10.
	MaxConflictRetries int
	// Logger. Optional: default logrus' standard logger.
	Logger *logrus.Entry
	// Now is the clock. Optional: default time.Now.
	Now func() time.Time
	// Metrics hears of sagas started and finished, steps' outcomes,
	// retries and timeouts once their transactions commit. Optional:
	// default none.
	Metrics Metrics
	// FullLookInterval is the longest TimerPass goes without asking the
	// database for due sagas; in between it asks only when a deadline
	// this runner wrote is due. Optional: default 1s.
	FullLookInterval time.Duration
}

func (c *Config) setDefaults() error {
	if c.Store == nil || c.Registry == nil {
		return errors.New("runner needs a Store and a Registry")
	}
	if c.ReplyTo == "" {
		c.ReplyTo = stream.OrchestratorReply
	}
	if c.Consumer == "" {
		c.Consumer = "orchestrator"
	}
	if c.MaxConflictRetries <= 0 {
		c.MaxConflictRetries = 10
	}
	if c.Logger == nil {
		c.Logger = logrus.NewEntry(logrus.StandardLogger())
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.FullLookInterval <= 0 {
		c.FullLookInterval = time.Second
	}
	// Tracked: Metrics and the timer's hints hear of a transaction's
	// sagas once it commits.
	c.Store = TrackCommits(c.Store)
	return nil
}

// Runner starts and advances sagas.
type Runner struct {
	cfg      Config
	engine   saga.Engine
	onFinish map[string]FinishFunc
	// hints are the deadlines the runner wrote, for TimerPass.
	hints *hints
	// held are the running sagas it last committed, for their replies.
	held *held
}

// New validates cfg and returns a Runner.
func New(cfg Config) (*Runner, error) {
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	return &Runner{cfg: cfg, engine: saga.Engine{ReplyTo: cfg.ReplyTo}, onFinish: map[string]FinishFunc{},
		hints: newHints(maxHints), held: newHeld(maxHeld)}, nil
}

// OnFinish registers fn for sagas of sagaType reaching a terminal state.
func (r *Runner) OnFinish(sagaType string, fn FinishFunc) { r.onFinish[sagaType] = fn }

func (r *Runner) now() time.Time { return r.cfg.Now().UTC().Truncate(time.Microsecond) }

// Start creates a saga in tx and writes its first command to the outbox.
// Starting a saga whose id exists already is a no-op.
func (r *Runner) Start(ctx context.Context, tx driver.Tx, sagaType string, in saga.StartInput) error {
	return r.StartMany(ctx, tx, sagaType, []saga.StartInput{in})
}

func (r *Runner) logFor(env saga.Envelope) *logrus.Entry {
	return logging.WithEnvelope(r.cfg.Logger, env)
}

// Logger is the runner's logger, for the handlers wired to it.
func (r *Runner) Logger() *logrus.Entry { return r.cfg.Logger }
