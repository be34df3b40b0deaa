// Command participant serves the preorder saga's commands: it holds stock
// in its own table, confirms preorders and releases holds.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/participants/sdk/sdkpg"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/pg/migrate"
)

// Schema is the participant's own PostgreSQL schema.
const Schema = "preorders"

const tables = `CREATE TABLE IF NOT EXISTS holds (
	hold_id  text PRIMARY KEY,
	saga_id  text NOT NULL UNIQUE,
	sku      text NOT NULL,
	quantity int  NOT NULL,
	state    text NOT NULL CHECK (state IN ('held', 'confirmed', 'released'))
)`

func main() {
	if err := prepare(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "preorders participant:", err)
		os.Exit(1)
	}
	os.Exit(host.Main(host.Service{
		Name: "preorders", Schema: Schema, DefaultAddr: "127.0.0.1:8090",
		Commands: "preorders.commands", Build: build,
	}))
}

// prepare creates the engine's messaging tables and the participant's own
// in its schema.
func prepare(ctx context.Context) error {
	cfg, err := config.Load("")
	if err != nil {
		return err
	}
	pool, err := pg.Connect(ctx, cfg.DatabaseURL, Schema)
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, err := migrate.Migrate(ctx, pool, Schema, migrate.Participant); err != nil {
		return err
	}
	return migrate.Apply(ctx, pool, Schema, tables)
}

func build(d host.Deps) (host.Parts, error) {
	store := sdkpg.StoreFromDB(d.DB.Postgres, func(t pgx.Tx) tx { return tx{pg.NewMessaging(t)} })
	p, err := sdk.NewWithSteps(store, sdk.Config{Name: "preorders", Logger: d.Log}, holdStep())
	if err != nil {
		return host.Parts{}, err
	}
	if err := p.OnAction("ConfirmPreorder", "PreorderConfirmed", "PreorderRefused", confirm); err != nil {
		return host.Parts{}, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", httpx.Health(d.Log, d.Checks...))
	return host.Parts{Handler: p.Handle, BatchHandler: p.HandleBatch, HTTP: mux}, nil
}
