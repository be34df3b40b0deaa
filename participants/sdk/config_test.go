package sdk_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// nopStore is enough to build a participant; it is never called.
type nopStore struct{}

func (nopStore) InTx(context.Context, func(context.Context, sdk.Tx) error) error { return nil }

func noopAction(context.Context, sdk.Tx, saga.Envelope) (sdk.Outcome, error) {
	return sdk.Succeed(nil), nil
}

func noopCompensation(context.Context, sdk.Tx, saga.Envelope) error { return nil }

func TestNewValidatesConfig(t *testing.T) {
	_, err := sdk.New[sdk.Tx](nopStore{}, sdk.Config{})
	require.Error(t, err, "a name is required")
	_, err = sdk.New[sdk.Tx](nil, sdk.Config{Name: "x"})
	require.Error(t, err, "a store is required")
	p, err := sdk.New[sdk.Tx](nopStore{}, sdk.Config{Name: "x"})
	require.NoError(t, err, "the logger is optional")
	require.NotNil(t, p)
}

func TestRegistrationRejectsRepeatsAndBlanks(t *testing.T) {
	p, err := sdk.New[sdk.Tx](nopStore{}, sdk.Config{Name: "x", Logger: quietLogger()})
	require.NoError(t, err)
	require.NoError(t, p.OnAction("Do", "Done", "Failed", noopAction))
	require.NoError(t, p.OnCompensation("Undo", "Undone", noopCompensation))
	require.Error(t, p.OnAction("Do", "Done", "Failed", noopAction), "registered twice")
	require.Error(t, p.OnCompensation("Do", "Undone", noopCompensation), "an action's type")
	require.Error(t, p.OnAction("", "Done", "Failed", noopAction))
	require.Error(t, p.OnAction("Other", "", "Failed", noopAction))
	require.Error(t, p.OnAction("Other", "Done", "Failed", nil))
	require.Error(t, p.OnCompensation("Other", "", noopCompensation))
	require.Equal(t, []sdk.Command{"Do", "Undo"}, p.Commands())
}
