// Command inventory runs the inventory participant: it reserves and
// releases stock for the order saga and serves /stock and /healthz.
package main

import (
	"os"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/saga/stream"
)

func main() {
	os.Exit(host.Main(host.Service{
		Name:        inventory.Name,
		Schema:      inventorypg.Schema,
		DefaultAddr: "127.0.0.1:8081",
		Commands:    stream.InventoryCommands,
		Build:       build,
	}))
}

func build(d host.Deps) (host.Parts, error) {
	store := inventorypg.New(d.Pool)
	p, err := inventory.NewParticipant(store, d.Log)
	if err != nil {
		return host.Parts{}, err
	}
	return host.Parts{Handler: p.Handle, BatchHandler: p.HandleBatch, HTTP: inventory.NewHandler(store, d.Log, d.Checks...)}, nil
}
