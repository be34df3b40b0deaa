package bookings

import (
	"context"
	"fmt"
	"net/http"

	"github.com/gorilla/mux"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// View is a booking as GET /bookings/{reference} shows it.
type View struct {
	Reference string `json:"reference"`
	SagaID    string `json:"saga_id"`
	State     string `json:"state"`
}

// Counts are the bookings of a table by state, as GET /bookings shows them.
type Counts struct {
	Booked    int64 `json:"booked"`
	Cancelled int64 `json:"cancelled"`
}

// api serves the read-only view of one table.
type api struct {
	store Store
	table string
	log   *logrus.Entry
}

func newAPI(store Store, table string, d host.Deps) http.Handler {
	a := api{store: store, table: table, log: d.Log}
	r := httpx.NewRouter()
	r.HandleFunc("/bookings/{reference}", a.booking).Methods(http.MethodGet)
	r.HandleFunc("/bookings", a.counts).Methods(http.MethodGet)
	r.Handle("/healthz", httpx.Health(d.Log, d.Checks...)).Methods(http.MethodGet)
	return r
}

func (a api) booking(w http.ResponseWriter, r *http.Request) {
	ref := mux.Vars(r)["reference"]
	if err := httpx.CheckText("reference", ref); err != nil {
		httpx.Fail(w, r, a.log, err)
		return
	}
	v := View{Reference: ref}
	err := a.read(r.Context(), func(ctx context.Context, tx Tx) error {
		q := fmt.Sprintf(`SELECT saga_id, state FROM %s WHERE reference = $1`, a.table)
		return tx.QueryRow(ctx, q, ref).Scan(&v.SagaID, &v.State)
	})
	a.answer(w, r, v, err)
}

func (a api) counts(w http.ResponseWriter, r *http.Request) {
	var c Counts
	err := a.read(r.Context(), func(ctx context.Context, tx Tx) error {
		q := fmt.Sprintf(`SELECT
			COALESCE(SUM(CASE WHEN state = 'booked' THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN state = 'cancelled' THEN 1 ELSE 0 END), 0)
			FROM %s`, a.table)
		return tx.QueryRow(ctx, q).Scan(&c.Booked, &c.Cancelled)
	})
	a.answer(w, r, c, err)
}

func (a api) read(ctx context.Context, fn func(ctx context.Context, tx Tx) error) error {
	if err := a.store.InTx(ctx, fn); err != nil {
		return fmt.Errorf("reading %s: %w", a.table, err)
	}
	return nil
}

func (a api) answer(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		httpx.Fail(w, r, a.log, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, v)
}
