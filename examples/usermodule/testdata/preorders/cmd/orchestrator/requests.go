package main

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/gorilla/mux"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/engine"
)

// requestsTable is the application's own table: a row per preorder taken
// at POST /preorders, with the outcome of its saga once it ends.
const requestsTable = `CREATE TABLE IF NOT EXISTS preorder_requests (
	saga_id  text PRIMARY KEY,
	customer text NOT NULL,
	outcome  text
)`

// preorderRoutes serves POST /preorders: the request's row and its saga
// start in one transaction of the application's, so neither exists
// without the other.
func preorderRoutes(e *engine.Engine, pool *pgxpool.Pool) func(r *mux.Router) {
	return func(r *mux.Router) {
		r.HandleFunc("/preorders", func(w http.ResponseWriter, r *http.Request) {
			var in input
			if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Customer == "" {
				http.Error(w, `{"error":"a preorder needs a customer"}`, http.StatusBadRequest)
				return
			}
			id, err := takePreorder(r.Context(), e, pool, in)
			if err != nil {
				http.Error(w, `{"error":"storage unavailable"}`, http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusAccepted)
			_ = json.NewEncoder(w).Encode(map[string]string{"saga_id": id})
		}).Methods(http.MethodPost)
	}
}

func takePreorder(ctx context.Context, e *engine.Engine, pool *pgxpool.Pool, in input) (string, error) {
	data, err := json.Marshal(in)
	if err != nil {
		return "", err
	}
	id := saga.NewID()
	tx, err := pool.Begin(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO preorder_requests (saga_id, customer) VALUES ($1, $2)`, id, in.Customer); err != nil {
		return "", err
	}
	if err := e.StartTx(ctx, pgdriver.Wrap(tx), "preorder", engine.Start{ID: id, Data: data}); err != nil {
		return "", err
	}
	return id, tx.Commit(ctx)
}

// recordOutcome writes a preorder's outcome in the transaction that ends
// its saga.
func recordOutcome(ctx context.Context, tx driver.Tx, s *saga.Instance, _ input) error {
	ptx, _ := pgdriver.Unwrap(tx)
	_, err := ptx.Exec(ctx, `UPDATE preorder_requests SET outcome = $2 WHERE saga_id = $1`, s.ID, string(s.State))
	return err
}
