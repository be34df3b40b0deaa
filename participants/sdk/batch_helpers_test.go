package sdk_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/transport"
)

var errBroken = errors.New("reservation service broken")

// txCounter is a store that counts its transactions and, when down, fails
// every one as an unreachable database does.
type txCounter struct {
	sdk.Store[inventory.Tx]
	n    atomic.Int32
	down bool
}

func (s *txCounter) InTx(ctx context.Context, fn func(ctx context.Context, tx inventory.Tx) error) error {
	s.n.Add(1)
	if s.down {
		return saga.Unavailable(errors.New("connecting to PostgreSQL: connection refused"))
	}
	return s.Store.InTx(ctx, fn)
}

// batching replaces the participant by the inventory's over a counting
// store, whose action fails with errBroken for the sagas in failing.
func (e *env) batching(down bool, failing ...string) *txCounter {
	s := &txCounter{Store: e.store, down: down}
	step := inventory.Step()
	do := step.Do
	step.Do = func(ctx context.Context, tx inventory.Tx, cmd saga.Envelope) (sdk.Outcome, error) {
		for _, id := range failing {
			if cmd.SagaID == id {
				return sdk.Outcome{}, errBroken
			}
		}
		return do(ctx, tx, cmd)
	}
	doMany := step.DoMany
	step.DoMany = func(ctx context.Context, tx inventory.Tx, cmds []saga.Envelope) ([]sdk.Outcome, error) {
		for _, c := range cmds {
			if slices.Contains(failing, c.SagaID) {
				return nil, errBroken
			}
		}
		return doMany(ctx, tx, cmds)
	}
	p, err := sdk.NewWithSteps(s, sdk.Config{Name: inventory.Name, Logger: quietLogger()}, step)
	require.NoError(e.t, err)
	e.p = p
	return s
}

// deliverBatch hands cmds to the participant as the entries of one read.
func (e *env) deliverBatch(cmds ...saga.Envelope) []error {
	msgs := make([]transport.Message, len(cmds))
	for i, c := range cmds {
		msgs[i] = entryOf(e.t, c)
		msgs[i].ID = fmt.Sprintf("%d-0", i+1)
	}
	return e.deliverEntries(msgs...)
}

func (e *env) deliverEntries(msgs ...transport.Message) []error {
	errs := e.p.HandleBatch(e.ctx(), msgs)
	require.Len(e.t, errs, len(msgs))
	return errs
}

// deliverEach hands cmds to the participant one by one, as Handle does.
func (e *env) deliverEach(cmds ...saga.Envelope) []error {
	errs := make([]error, len(cmds))
	for i, c := range cmds {
		errs[i] = e.deliver(c)
	}
	return errs
}

// replySummary is what a reply says, without its time and span.
type replySummary struct {
	ID, Type, Cause, Data string
	Error                 *saga.ReplyError
}

func (e *env) replySummaries() []replySummary {
	var out []replySummary
	for _, r := range e.replies() {
		out = append(out, replySummary{ID: r.MessageID, Type: r.Type, Cause: r.CausationID, Data: string(r.Data), Error: r.Error})
	}
	return out
}

func requireNoErrors(t require.TestingT, errs []error) {
	for i, err := range errs {
		require.NoError(t, err, "entry %d", i)
	}
}
