package storetest

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// The shape of the concurrent write load.
const (
	loadWriters       = 4
	loadTxPerWriter   = 20
	loadPartitionsPer = 5
)

// concurrentRelays: writers commit to many partitions while two relays
// drain the outbox; every message is published exactly once and each
// partition's messages in the order they were written.
func concurrentRelays(t *testing.T, h Harness) {
	ctx, rec := testContext(t), NewRecorder()
	rec.SetHook(func(int, []outbox.Message) error {
		// A transport's uneven latency lets a later batch overtake.
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		return nil
	})
	relays := []*outbox.Relay{startRelay(ctx, t, h.Source(t), rec), startRelay(ctx, t, h.Source(t), rec)}
	want := writeLoad(ctx, t, h)
	rec.WaitFor(t, len(want), 20*time.Second)
	src := h.Source(t)
	WaitForBacklog(ctx, t, src, 0, 10*time.Second)
	for _, r := range relays {
		StopRelay(t, r)
	}
	RequireDelivered(t, want, rec.Messages())
}

// startRelay runs a relay loop over src, stopped when t ends.
func startRelay(ctx context.Context, t *testing.T, src outbox.Source, pub outbox.Publisher) *outbox.Relay {
	r, err := outbox.NewRelay(src, pub, outbox.RelayConfig{
		BatchSize:    7,
		PollInterval: 200 * time.Millisecond,
		MaxBackoff:   50 * time.Millisecond,
		Logger:       QuietLogger(),
	})
	require.NoError(t, err)
	require.NoError(t, r.Start(ctx))
	t.Cleanup(func() { StopRelay(t, r) })
	return r
}

// StopRelay stops r, failing t if it takes over ten seconds.
func StopRelay(t testing.TB, r *outbox.Relay) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, r.Stop(ctx))
}

// writeLoad runs the writers and returns everything they committed, each
// partition's messages in write order.
func writeLoad(ctx context.Context, t *testing.T, h Harness) []outbox.Message {
	written := make([][]outbox.Message, loadWriters)
	errs := make([]error, loadWriters)
	var wg sync.WaitGroup
	for w := range loadWriters {
		wg.Go(func() { written[w], errs[w] = writeTransactions(ctx, h, w) })
	}
	wg.Wait()
	var all []outbox.Message
	for w := range loadWriters {
		require.NoError(t, errs[w], "writer %d", w)
		all = append(all, written[w]...)
	}
	return all
}

// writeTransactions commits loadTxPerWriter transactions of one to three
// messages to the writer's own partitions.
func writeTransactions(ctx context.Context, h Harness, writer int) ([]outbox.Message, error) {
	seq := map[string]int{}
	var written []outbox.Message
	for range loadTxPerWriter {
		var msgs []outbox.Message
		for range 1 + rand.IntN(3) {
			key := fmt.Sprintf("w%d-p%d", writer, rand.IntN(loadPartitionsPer))
			msgs = append(msgs, NewMessage(key, seq[key]))
			seq[key]++
		}
		err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
			return s.Outbox.AddMessages(ctx, msgs)
		})
		if err != nil {
			return written, err
		}
		written = append(written, msgs...)
	}
	return written, nil
}

// QuietLogger returns a logger that discards everything.
func QuietLogger() *logrus.Entry {
	l := logrus.New()
	l.SetOutput(io.Discard)
	return logrus.NewEntry(l)
}
