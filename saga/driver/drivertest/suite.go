package drivertest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// Serial marks st as a store that runs one write transaction at a time
// (SQLite): where another driver's second transaction skips rows the
// first holds, its second transaction waits for the first to commit, and
// the timer cases check that instead.
func Serial(st driver.Store) driver.Store { return serialStore{st} }

type serialStore struct{ driver.Store }

func (serialStore) serialWrites() {}

func isSerial(st driver.Store) bool {
	_, ok := st.(interface{ serialWrites() })
	return ok
}

// NewStore returns an empty store for one test.
type NewStore func(t *testing.T) driver.Store

// Run runs every case against stores made by newStore.
func Run(t *testing.T, newStore NewStore) {
	cases := map[string]func(*testing.T, driver.Store){
		"UnknownIDs":            testUnknownIDs,
		"RollbackStoresNothing": testRollback,
		"SagaVersionCheck":      testSagaVersionCheck,
		"SagaCreateTwice":       testSagaCreateTwice,
		"History":               testHistory,
		"HistoryPage":           testHistoryPage,
		"ListNewestFirst":       testList,
		"CountSagasByState":     testCountByState,
		"ClaimDueSagas":         testClaimDue,
		"IgnoredReplies":        testIgnoredReplies,
		"ManySagasAtOnce":       testManySagas,
		"DefinitionVersionKept": testDefinitionVersionKept,
		"RecordDefinition":      testRecordDefinition,
		"ParkAndUnpark":         testParkAndUnpark,
		"SagaIdempotencyKey":    testSagaIdempotencyKey,
		"PurgeSagas":            testPurgeSagas,
		"ReplyLoader":           testReplyLoader,
		"FreshMarker":           testFreshMarker,
		"FreshCreator":          testFreshCreator,
	}
	for name, fn := range cases {
		t.Run(name, func(t *testing.T) { fn(t, newStore(t)) })
	}
}

var ctx = context.Background()

func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

func testUnknownIDs(t *testing.T, st driver.Store) {
	_, err := st.GetSaga(ctx, saga.NewID())
	require.ErrorIs(t, err, saga.ErrNotFound)
	_, err = st.GetSaga(ctx, "../etc")
	require.ErrorIs(t, err, saga.ErrNotFound)
}

// testRollback: what a transaction wrote is gone when it rolls back.
func testRollback(t *testing.T, st driver.Store) {
	inst := newInstance(t)
	boom := errors.New("boom")
	err := st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		require.NoError(t, tx.CreateSaga(ctx, inst))
		require.NoError(t, tx.AppendHistory(ctx, inst.ID, []saga.HistoryEntry{{At: now(), Kind: saga.HistoryStarted}}))
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = st.GetSaga(ctx, inst.ID)
	require.ErrorIs(t, err, saga.ErrNotFound)
	hist, err := st.History(ctx, inst.ID)
	require.NoError(t, err)
	require.Empty(t, hist)
}
