package orderpg

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// TestStalledClaimWalksThePendingIndex checks the plan the claim of
// stalled orders runs with on the pool's connections (generic plans), even
// under costs that favour a bitmap scan: an ordered scan of
// orders_pending. A bitmap scan would visit the row of every order ever
// PENDING that no vacuum cleared, at every sweep.
func TestStalledClaimWalksThePendingIndex(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), pgdriver.Schema)
	require.NoError(t, err)
	defer pool.Close()
	var plan []string
	err = pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		// Costs under which the server prefers a bitmap scan, as it did
		// for this claim on a grown orders table.
		if _, err := tx.Exec(ctx, "SET LOCAL random_page_cost = 40"); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, sqlWalkIndex); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "PREPARE claim_stalled(timestamptz, int) AS "+qClaimStalled); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "EXPLAIN EXECUTE claim_stalled(now(), 100)")
		if err != nil {
			return err
		}
		plan, err = pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "DEALLOCATE claim_stalled")
		return err
	})
	require.NoError(t, err)
	text := strings.Join(plan, "\n")
	require.Contains(t, text, "Index Scan using orders_pending on orders", text)
	require.NotContains(t, text, "Bitmap", text)
}
