package services

import (
	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
)

// Default HTTP addresses.
const (
	InventoryAddr = "127.0.0.1:8081"
	PaymentAddr   = "127.0.0.1:8082"
)

// InventoryStore builds the inventory store over the database host gives
// the service (host.Deps.DB).
type InventoryStore func(d host.Deps) (inventory.Store, error)

// PaymentStore builds the payment store over the database host gives the
// service (host.Deps.DB).
type PaymentStore func(d host.Deps) (payment.Store, error)

// Inventory is the inventory participant on PostgreSQL: it reserves and
// releases stock for the order saga and serves /stock and /healthz.
func Inventory() host.Service { return InventoryWith(inventoryOnPostgres) }

// InventoryWith is the inventory participant over the store that store
// builds, for a database other than PostgreSQL (the dev mode's SQLite).
func InventoryWith(store InventoryStore) host.Service {
	return host.Service{
		Name: inventory.Name, Schema: inventorypg.Schema, DefaultAddr: InventoryAddr,
		Commands: inventory.CommandStream, Build: buildInventory(store),
	}
}

func inventoryOnPostgres(d host.Deps) (inventory.Store, error) {
	db, err := d.Postgres()
	if err != nil {
		return nil, err
	}
	return inventorypg.FromDB(db), nil
}

func buildInventory(open InventoryStore) func(host.Deps) (host.Parts, error) {
	return func(d host.Deps) (host.Parts, error) {
		store, err := open(d)
		if err != nil {
			return host.Parts{}, err
		}
		p, err := inventory.NewParticipant(store, d.Log)
		if err != nil {
			return host.Parts{}, err
		}
		return host.Parts{Handler: p.Handle, BatchHandler: p.HandleBatch, HTTP: inventory.NewHandler(store, d.Log, d.Checks...)}, nil
	}
}

// Payment is the payment participant on PostgreSQL: it charges and refunds
// accounts for the order saga and serves /accounts and /healthz.
func Payment() host.Service { return PaymentWith(paymentOnPostgres) }

// PaymentWith is the payment participant over the store that store builds,
// for a database other than PostgreSQL (the dev mode's SQLite).
func PaymentWith(store PaymentStore) host.Service {
	return host.Service{
		Name: payment.Name, Schema: paymentpg.Schema, DefaultAddr: PaymentAddr,
		Commands: payment.CommandStream, Build: buildPayment(store),
	}
}

func paymentOnPostgres(d host.Deps) (payment.Store, error) {
	db, err := d.Postgres()
	if err != nil {
		return nil, err
	}
	return paymentpg.FromDB(db), nil
}

func buildPayment(open PaymentStore) func(host.Deps) (host.Parts, error) {
	return func(d host.Deps) (host.Parts, error) {
		store, err := open(d)
		if err != nil {
			return host.Parts{}, err
		}
		p, err := payment.NewParticipant(store, d.Log)
		if err != nil {
			return host.Parts{}, err
		}
		return host.Parts{Handler: p.Handle, BatchHandler: p.HandleBatch, HTTP: payment.NewHandler(store, d.Log, d.Checks...)}, nil
	}
}
