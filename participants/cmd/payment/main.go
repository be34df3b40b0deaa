// Command payment runs the payment participant: it charges and refunds
// customers for the order saga and serves /accounts and /healthz.
package main

import (
	"os"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/saga/stream"
)

func main() {
	os.Exit(host.Main(host.Service{
		Name:        payment.Name,
		Schema:      paymentpg.Schema,
		DefaultAddr: "127.0.0.1:8082",
		Commands:    stream.PaymentCommands,
		Build:       build,
	}))
}

func build(d host.Deps) (host.Parts, error) {
	store := paymentpg.New(d.Pool)
	p, err := payment.NewParticipant(store, d.Log)
	if err != nil {
		return host.Parts{}, err
	}
	return host.Parts{Handler: p.Handle, BatchHandler: p.HandleBatch, HTTP: payment.NewHandler(store, d.Log, d.Checks...)}, nil
}
