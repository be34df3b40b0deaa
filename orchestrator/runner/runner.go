package runner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/orchestrator/store"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// FinishFunc runs in the transaction in which a saga reaches a terminal
// state, for example to record an order's outcome and announce it.
type FinishFunc func(ctx context.Context, tx store.Tx, inst *saga.Instance) error

// Config configures a Runner.
type Config struct {
	// Store holds sagas, the inbox and the outbox. Required.
	Store store.Store
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
	return nil
}

// Runner starts and advances sagas.
type Runner struct {
	cfg      Config
	engine   saga.Engine
	onFinish map[string]FinishFunc
}

// New validates cfg and returns a Runner.
func New(cfg Config) (*Runner, error) {
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	return &Runner{cfg: cfg, engine: saga.Engine{ReplyTo: cfg.ReplyTo}, onFinish: map[string]FinishFunc{}}, nil
}

// OnFinish registers fn for sagas of sagaType reaching a terminal state.
func (r *Runner) OnFinish(sagaType string, fn FinishFunc) { r.onFinish[sagaType] = fn }

func (r *Runner) now() time.Time { return r.cfg.Now().UTC().Truncate(time.Microsecond) }

// Start creates a saga in tx and writes its first command to the outbox.
// Starting a saga whose id exists already is a no-op.
func (r *Runner) Start(ctx context.Context, tx store.Tx, sagaType string, in saga.StartInput) error {
	def, err := r.cfg.Registry.Get(sagaType)
	if err != nil {
		return saga.Permanent(err)
	}
	in.Now = r.now()
	inst, res, err := r.engine.Start(def, in)
	if err != nil {
		return saga.Permanent(err)
	}
	if err := tx.CreateSaga(ctx, inst); errors.Is(err, saga.ErrDuplicate) {
		return nil
	} else if err != nil {
		return err
	}
	return r.persist(ctx, tx, inst, res)
}

// persist appends history, writes outgoing messages and runs the finish
// hook. The instance itself is saved by the caller.
func (r *Runner) persist(ctx context.Context, tx store.Tx, inst *saga.Instance, res saga.Result) error {
	if err := tx.AppendHistory(ctx, inst.ID, res.History); err != nil {
		return err
	}
	msgs, err := outbox.FromOutgoing(res.Messages)
	if err != nil {
		return err
	}
	if err := tx.AddMessages(ctx, msgs); err != nil {
		return fmt.Errorf("writing commands of saga %s: %w", inst.ID, err)
	}
	if fn := r.onFinish[inst.Type]; res.Finished && fn != nil {
		return fn(ctx, tx, inst)
	}
	return nil
}

func (r *Runner) logFor(env saga.Envelope) *logrus.Entry {
	return logging.WithEnvelope(r.cfg.Logger, env)
}
