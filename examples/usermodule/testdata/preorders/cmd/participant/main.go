// Command participant serves the preorder saga's commands: it holds stock
// in its own table, confirms preorders and releases holds.
package main

import (
	"os"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/participants/sdk/sdkpg"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Schema is the participant's own PostgreSQL schema.
const Schema = "preorders"

// tables are the participant's own, created by the host on every start
// next to the engine's.
const tables = `CREATE TABLE IF NOT EXISTS holds (
	hold_id  text PRIMARY KEY,
	saga_id  text NOT NULL UNIQUE,
	sku      text NOT NULL,
	quantity int  NOT NULL,
	state    text NOT NULL CHECK (state IN ('held', 'confirmed', 'released'))
)`

func main() {
	os.Exit(host.Main(host.Service{
		Name: "preorders", Schema: Schema, DefaultAddr: "127.0.0.1:8090",
		Commands: "preorders.commands", Migrate: true, Tables: tables, Build: build,
	}))
}

func build(d host.Deps) (host.Parts, error) {
	db, err := d.Postgres()
	if err != nil {
		return host.Parts{}, err
	}
	store := sdkpg.StoreFromDB(db, func(t pgx.Tx) tx { return tx{pg.NewMessaging(t)} })
	p, err := sdk.NewWithSteps(store, sdk.Config{Name: "preorders", Logger: d.Log}, holdStep())
	if err != nil {
		return host.Parts{}, err
	}
	if err := p.OnAction("ConfirmPreorder", "PreorderConfirmed", "PreorderRefused", confirm); err != nil {
		return host.Parts{}, err
	}
	return host.Parts{Handler: p.Handle, BatchHandler: p.HandleBatch}, nil
}
