package sdk_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/transport"
)

const benchBatch = 64

// BenchmarkBatch compares reads of 64 ReserveInventory commands handled
// entry by entry (one transaction each) and as one batch.
func BenchmarkBatch(b *testing.B) {
	b.Run("Handle", func(b *testing.B) {
		benchHandle(b, func(ctx context.Context, p *sdk.Participant[inventory.Tx], msgs []transport.Message) {
			for _, m := range msgs {
				require.NoError(b, p.Handle(ctx, m))
			}
		})
	})
	b.Run("HandleBatch", func(b *testing.B) {
		benchHandle(b, func(ctx context.Context, p *sdk.Participant[inventory.Tx], msgs []transport.Message) {
			requireNoErrors(b, p.HandleBatch(ctx, msgs))
		})
	})
}

func benchHandle(b *testing.B, handle func(ctx context.Context, p *sdk.Participant[inventory.Tx], msgs []transport.Message)) {
	ctx := b.Context()
	pool, err := pg.Connect(ctx, testenv.Database(b), inventorypg.Schema)
	require.NoError(b, err)
	b.Cleanup(pool.Close)
	store := inventorypg.New(pool)
	p, err := inventory.NewParticipant(store, quietLogger())
	require.NoError(b, err)
	_, err = store.SetStock(ctx, "A", 1<<40)
	require.NoError(b, err)
	commands := 0
	for b.Loop() {
		handle(ctx, p, benchEntries(b))
		commands += benchBatch
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(commands), "ns/command")
}

func benchEntries(b *testing.B) []transport.Message {
	msgs := make([]transport.Message, benchBatch)
	for i := range msgs {
		cmd := reserveCmd(saga.NewID(), item("A", 1))
		raw, err := cmd.Encode()
		require.NoError(b, err)
		msgs[i] = rawEntry(raw)
		msgs[i].ID = fmt.Sprintf("%d-0", i+1)
	}
	return msgs
}
