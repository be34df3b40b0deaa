package orderpg

import (
	"context"
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
	var plan string
	err = pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		// Costs under which the server prefers a bitmap scan, as it did
		// for this claim on a grown orders table.
		if _, err := tx.Exec(ctx, "SET LOCAL random_page_cost = 40"); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, sqlWalkIndex); err != nil {
			return err
		}
		plan = testenv.GenericPlanOn(ctx, t, tx, qClaimStalled, 3)
		return nil
	})
	require.NoError(t, err)
	require.Contains(t, plan, "Index Scan using orders_pending on orders", plan)
	require.NotContains(t, plan, "Bitmap", plan)
}
