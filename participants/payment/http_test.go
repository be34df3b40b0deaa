package payment_test

import (
	"database/sql"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/participants/payment/paymenttest"
	"github.com/streamsaga/streamsaga/participants/resource/resourcetest"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func newStore(t *testing.T) payment.Store {
	store, _ := openStore(t)
	return store
}

// openStore opens the payment store on PostgreSQL when it answers, else
// on a SQLite file, and returns it with direct access to its tables.
func openStore(t *testing.T) (payment.Store, *sql.DB) {
	t.Helper()
	if testenv.HasPostgres() {
		pool := sdktest.Pool(t, paymentpg.Schema)
		db := stdlib.OpenDBFromPool(pool)
		t.Cleanup(func() { _ = db.Close() })
		return paymentpg.New(pool), db
	}
	db, err := paymentsqlite.Open(t.Context(), filepath.Join(t.TempDir(), "payment.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return paymentsqlite.New(db), db.SQL
}

// newServer serves the API over store and returns its base URL.
func newServer(t *testing.T, store payment.Store, checks ...httpx.Check) string {
	return resourcetest.Serve(t, payment.NewHandler(store, resourcetest.QuietLogger(), checks...))
}

func TestAccountAPI(t *testing.T) {
	t.Parallel()
	resourcetest.Run(t, resourcetest.API{
		Serve:      func(t *testing.T, checks ...httpx.Check) string { return newServer(t, newStore(t), checks...) },
		ServeDown:  func(t *testing.T) string { return newServer(t, paymentpg.New(resourcetest.DeadPool(t))) },
		Collection: "/accounts", Param: "customer_id", Field: "balance_cents", Extra: "currency", NotFound: `{"error":"unknown account"}`,
		Key: "c1", Value: 5000, Record: `{"customer_id":"c1","balance_cents":5000}`,
	})
}

func TestAccountShowsCharges(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	url := newServer(t, store) + "/accounts/c1"
	resourcetest.RequireCall(t, http.StatusOK, http.MethodPut, url, `{"balance_cents": 5000}`)

	require.Empty(t, paymenttest.Charge(t, store, saga.NewID(), "c1", 1250))
	body := resourcetest.RequireCall(t, http.StatusOK, http.MethodGet, url, "")
	require.JSONEq(t, `{"customer_id":"c1","balance_cents":3750}`, body)
}
