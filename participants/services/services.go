package services

import (
	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// Default HTTP addresses.
const (
	InventoryAddr = "127.0.0.1:8081"
	PaymentAddr   = "127.0.0.1:8082"
)

// Inventory is the inventory participant: it reserves and releases stock
// for the order saga and serves /stock and /healthz.
func Inventory() host.Service {
	return host.Service{
		Name: inventory.Name, Schema: inventorypg.Schema, DefaultAddr: InventoryAddr,
		Commands: inventory.CommandStream, Build: buildInventory,
	}
}

func buildInventory(d host.Deps) (host.Parts, error) {
	var store inventory.Store
	if db, ok := d.DB.(*sqlite.Backend); ok {
		store = inventorysqlite.New(db.DB())
	} else {
		db, err := d.Postgres()
		if err != nil {
			return host.Parts{}, err
		}
		store = inventorypg.FromDB(db)
	}
	p, err := inventory.NewParticipant(store, d.Log)
	if err != nil {
		return host.Parts{}, err
	}
	return host.Parts{Handler: p.Handle, BatchHandler: p.HandleBatch, HTTP: inventory.NewHandler(store, d.Log, d.Checks...)}, nil
}

// Payment is the payment participant: it charges and refunds accounts for
// the order saga and serves /accounts and /healthz.
func Payment() host.Service {
	return host.Service{
		Name: payment.Name, Schema: paymentpg.Schema, DefaultAddr: PaymentAddr,
		Commands: payment.CommandStream, Build: buildPayment,
	}
}

func buildPayment(d host.Deps) (host.Parts, error) {
	var store payment.Store
	if db, ok := d.DB.(*sqlite.Backend); ok {
		store = paymentsqlite.New(db.DB())
	} else {
		db, err := d.Postgres()
		if err != nil {
			return host.Parts{}, err
		}
		store = paymentpg.FromDB(db)
	}
	p, err := payment.NewParticipant(store, d.Log)
	if err != nil {
		return host.Parts{}, err
	}
	return host.Parts{Handler: p.Handle, BatchHandler: p.HandleBatch, HTTP: payment.NewHandler(store, d.Log, d.Checks...)}, nil
}
